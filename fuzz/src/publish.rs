//! `publish_frame`: the body of `PUT /api/v1/crates/new`, through every pure step the registry
//! takes before it touches its database: the frame, the metadata JSON, the name and version checks,
//! the `.crate` reader and the policy gate.

use wharf_index::publish::{encode_frame, split_frame, FrameError, FrameLimits, PublishMetadata};
use wharf_policy::categories::DEFAULT_CATEGORIES;
use wharf_policy::engine::{evaluate, Candidate, Facts};
use wharf_policy::metadata::DependencyInput;
use wharf_tarball::{process_tarball, Limits};

/// The registry's default limits (`wharf_registry::Config::default`).
pub const LIMITS: FrameLimits = FrameLimits {
    max_metadata_size: 1024 * 1024,
    max_tarball_size: 10 * 1024 * 1024,
};

/// Frames a truncated body is completed to for the check below, at most (the completion is
/// allocated on every such run).
const MAX_COMPLETION: usize = 1 << 20;

pub fn run(body: &[u8]) {
    let frame = match split_frame(body, &LIMITS) {
        Ok(frame) => frame,
        Err(e) => return check_refusal(body, &e),
    };
    // The parts are the body's, in place: nothing skipped, nothing left over.
    assert_eq!(encode_frame(frame.metadata, frame.tarball), body);
    assert!(frame.metadata.len() as u64 <= LIMITS.max_metadata_size);
    assert!(frame.tarball.len() as u64 <= LIMITS.max_tarball_size);

    let metadata = match PublishMetadata::from_json(frame.metadata) {
        Ok(metadata) => metadata,
        Err(e) => return assert!(!e.to_string().is_empty()),
    };
    // What was read is all there is to it: written back, it reads the same.
    let json = serde_json::to_vec(&metadata).expect("plain data serialises");
    assert_eq!(
        PublishMetadata::from_json(&json).as_ref().ok(),
        Some(&metadata)
    );

    // `wharf_registry::Registry::publish`, in its order, without the database.
    if wharf_policy::validate_crate_name(&metadata.name).is_err() {
        return;
    }
    let Ok(version) = semver::Version::parse(&metadata.vers) else {
        return;
    };
    let limits = Limits::default();
    let tarball = match process_tarball(&metadata.name, &metadata.vers, frame.tarball, &limits) {
        Ok(tarball) => tarball,
        Err(e) => return assert!(!e.to_string().is_empty()),
    };
    crate::tarball::check(&tarball, &metadata.name, &metadata.vers, &limits);

    let deps: Vec<DependencyInput> = metadata.deps.iter().map(DependencyInput::from).collect();
    let categories: Vec<String> = DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect();
    let no_names: Vec<String> = Vec::new();
    let evaluation = evaluate(
        &Candidate {
            name: &metadata.name,
            version: &version,
            tarball: &tarball,
            deps: &deps,
            features: &metadata.features,
        },
        &Facts {
            publisher_id: 1,
            creates_crate: true,
            known_categories: &categories,
            reserved_names: &no_names,
            same_skeleton: &[],
            typosquat: None,
            internal_prefixes: &no_names,
        },
    );
    crate::scanner::check_findings(&evaluation.findings, &tarball);
    assert_eq!(
        evaluation.verdict,
        wharf_policy::verdict::fold(&evaluation.findings)
    );
}

/// A refused body is refused for the reason it gives.
fn check_refusal(body: &[u8], error: &FrameError) {
    assert!(!error.to_string().is_empty());
    let len_at = |at: usize| -> Option<usize> {
        let bytes = body.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes(bytes.try_into().ok()?) as usize)
    };
    match *error {
        FrameError::MetadataTooLarge { size, limit } => {
            assert_eq!(len_at(0), Some(size as usize));
            assert!(size > limit && limit == LIMITS.max_metadata_size);
        }
        FrameError::TarballTooLarge { size, limit } => {
            let json_len = len_at(0).expect("a metadata length");
            assert_eq!(len_at(4 + json_len), Some(size as usize));
            assert!(size > limit && limit == LIMITS.max_tarball_size);
        }
        FrameError::TrailingBytes => {
            // The frame ends before the body does, and is whole without what follows.
            let json_len = len_at(0).expect("a metadata length");
            let tar_len = len_at(4 + json_len).expect("a .crate length");
            let end = 8 + json_len + tar_len;
            assert!(end < body.len());
            assert!(split_frame(&body[..end], &LIMITS).is_ok());
        }
        FrameError::Truncated => {
            // The body is the start of a frame: completed with zeros, it is one.
            let mut whole = body.to_vec();
            let need = |whole: &mut Vec<u8>, len: usize| {
                if whole.len() < len {
                    whole.resize(len, 0);
                }
            };
            need(&mut whole, 4);
            let json_len = u32::from_le_bytes(whole[..4].try_into().unwrap()) as usize;
            if 8 + json_len > MAX_COMPLETION {
                return;
            }
            need(&mut whole, 8 + json_len);
            let tar_len =
                u32::from_le_bytes(whole[4 + json_len..8 + json_len].try_into().unwrap()) as usize;
            if 8 + json_len + tar_len > MAX_COMPLETION {
                return;
            }
            need(&mut whole, 8 + json_len + tar_len);
            assert!(whole.len() > body.len(), "refused as truncated, but whole");
            assert!(split_frame(&whole, &LIMITS).is_ok());
        }
    }
}
