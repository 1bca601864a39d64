//! Raw FFI bindings to LAPACK (Fortran calling convention) and CBLAS.
//!
//! All functions take pointers and are `unsafe`; see the crate README.

#![allow(non_camel_case_types, non_snake_case)]
#![no_std]

use libc::{c_char, c_double, c_float, c_int};

include!(concat!(env!("OUT_DIR"), "/provider.rs"));

pub type lapack_int = c_int;

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CBLAS_LAYOUT {
    RowMajor = 101,
    ColMajor = 102,
}

#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CBLAS_TRANSPOSE {
    NoTrans = 111,
    Trans = 112,
    ConjTrans = 113,
}

extern "C" {
    // ---- BLAS level 1 ----
    pub fn cblas_ddot(n: c_int, x: *const c_double, incx: c_int, y: *const c_double, incy: c_int) -> c_double;
    pub fn cblas_sdot(n: c_int, x: *const c_float, incx: c_int, y: *const c_float, incy: c_int) -> c_float;
    pub fn cblas_daxpy(n: c_int, alpha: c_double, x: *const c_double, incx: c_int, y: *mut c_double, incy: c_int);
    pub fn cblas_dnrm2(n: c_int, x: *const c_double, incx: c_int) -> c_double;
    pub fn cblas_dscal(n: c_int, alpha: c_double, x: *mut c_double, incx: c_int);

    // ---- BLAS level 3 ----
    pub fn cblas_dgemm(
        layout: CBLAS_LAYOUT,
        transa: CBLAS_TRANSPOSE,
        transb: CBLAS_TRANSPOSE,
        m: c_int,
        n: c_int,
        k: c_int,
        alpha: c_double,
        a: *const c_double,
        lda: c_int,
        b: *const c_double,
        ldb: c_int,
        beta: c_double,
        c: *mut c_double,
        ldc: c_int,
    );
    pub fn cblas_sgemm(
        layout: CBLAS_LAYOUT,
        transa: CBLAS_TRANSPOSE,
        transb: CBLAS_TRANSPOSE,
        m: c_int,
        n: c_int,
        k: c_int,
        alpha: c_float,
        a: *const c_float,
        lda: c_int,
        b: *const c_float,
        ldb: c_int,
        beta: c_float,
        c: *mut c_float,
        ldc: c_int,
    );

    // ---- LAPACK (Fortran symbols) ----
    pub fn dgesv_(
        n: *const lapack_int,
        nrhs: *const lapack_int,
        a: *mut c_double,
        lda: *const lapack_int,
        ipiv: *mut lapack_int,
        b: *mut c_double,
        ldb: *const lapack_int,
        info: *mut lapack_int,
    );
    pub fn dgetrf_(
        m: *const lapack_int,
        n: *const lapack_int,
        a: *mut c_double,
        lda: *const lapack_int,
        ipiv: *mut lapack_int,
        info: *mut lapack_int,
    );
    pub fn dpotrf_(
        uplo: *const c_char,
        n: *const lapack_int,
        a: *mut c_double,
        lda: *const lapack_int,
        info: *mut lapack_int,
    );
    pub fn dsyev_(
        jobz: *const c_char,
        uplo: *const c_char,
        n: *const lapack_int,
        a: *mut c_double,
        lda: *const lapack_int,
        w: *mut c_double,
        work: *mut c_double,
        lwork: *const lapack_int,
        info: *mut lapack_int,
    );
    pub fn dgesvd_(
        jobu: *const c_char,
        jobvt: *const c_char,
        m: *const lapack_int,
        n: *const lapack_int,
        a: *mut c_double,
        lda: *const lapack_int,
        s: *mut c_double,
        u: *mut c_double,
        ldu: *const lapack_int,
        vt: *mut c_double,
        ldvt: *const lapack_int,
        work: *mut c_double,
        lwork: *const lapack_int,
        info: *mut lapack_int,
    );
}

/// Query the optimal workspace size for `dsyev_` (`lwork = -1`).
///
/// # Safety
/// Calls into the linked LAPACK; `n` must be non-negative.
pub unsafe fn dsyev_work_query(n: lapack_int) -> lapack_int {
    let jobz = b'V' as c_char;
    let uplo = b'U' as c_char;
    let mut a = 0.0f64;
    let mut w = 0.0f64;
    let mut work = 0.0f64;
    let lwork: lapack_int = -1;
    let mut info: lapack_int = 0;
    let lda = if n > 0 { n } else { 1 };
    dsyev_(&jobz, &uplo, &n, &mut a, &lda, &mut w, &mut work, &lwork, &mut info);
    if info != 0 { 0 } else { work as lapack_int }
}
