//! Raw FFI bindings to OpenAL 1.1 and ALC, with the EFX enums used by
//! OpenAL Soft.
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]
#![no_std]

use core::ffi::{c_char, c_void};

pub type ALboolean = c_char;
pub type ALchar = c_char;
pub type ALbyte = i8;
pub type ALubyte = u8;
pub type ALshort = i16;
pub type ALushort = u16;
pub type ALint = i32;
pub type ALuint = u32;
pub type ALsizei = i32;
pub type ALenum = i32;
pub type ALfloat = f32;
pub type ALdouble = f64;
pub type ALvoid = c_void;

pub type ALCboolean = c_char;
pub type ALCchar = c_char;
pub type ALCint = i32;
pub type ALCuint = u32;
pub type ALCsizei = i32;
pub type ALCenum = i32;
pub type ALCvoid = c_void;

#[repr(C)]
pub struct ALCdevice {
    _private: [u8; 0],
}
#[repr(C)]
pub struct ALCcontext {
    _private: [u8; 0],
}

pub const AL_NONE: ALenum = 0;
pub const AL_FALSE: ALboolean = 0;
pub const AL_TRUE: ALboolean = 1;
pub const AL_SOURCE_RELATIVE: ALenum = 0x202;
pub const AL_CONE_INNER_ANGLE: ALenum = 0x1001;
pub const AL_CONE_OUTER_ANGLE: ALenum = 0x1002;
pub const AL_PITCH: ALenum = 0x1003;
pub const AL_POSITION: ALenum = 0x1004;
pub const AL_DIRECTION: ALenum = 0x1005;
pub const AL_VELOCITY: ALenum = 0x1006;
pub const AL_LOOPING: ALenum = 0x1007;
pub const AL_BUFFER: ALenum = 0x1009;
pub const AL_GAIN: ALenum = 0x100A;
pub const AL_MIN_GAIN: ALenum = 0x100D;
pub const AL_MAX_GAIN: ALenum = 0x100E;
pub const AL_ORIENTATION: ALenum = 0x100F;
pub const AL_SOURCE_STATE: ALenum = 0x1010;
pub const AL_INITIAL: ALenum = 0x1011;
pub const AL_PLAYING: ALenum = 0x1012;
pub const AL_PAUSED: ALenum = 0x1013;
pub const AL_STOPPED: ALenum = 0x1014;
pub const AL_BUFFERS_QUEUED: ALenum = 0x1015;
pub const AL_BUFFERS_PROCESSED: ALenum = 0x1016;
pub const AL_REFERENCE_DISTANCE: ALenum = 0x1020;
pub const AL_ROLLOFF_FACTOR: ALenum = 0x1021;
pub const AL_CONE_OUTER_GAIN: ALenum = 0x1022;
pub const AL_MAX_DISTANCE: ALenum = 0x1023;
pub const AL_SEC_OFFSET: ALenum = 0x1024;
pub const AL_SAMPLE_OFFSET: ALenum = 0x1025;
pub const AL_BYTE_OFFSET: ALenum = 0x1026;
pub const AL_SOURCE_TYPE: ALenum = 0x1027;
pub const AL_STATIC: ALenum = 0x1028;
pub const AL_STREAMING: ALenum = 0x1029;
pub const AL_FORMAT_MONO8: ALenum = 0x1100;
pub const AL_FORMAT_MONO16: ALenum = 0x1101;
pub const AL_FORMAT_STEREO8: ALenum = 0x1102;
pub const AL_FORMAT_STEREO16: ALenum = 0x1103;
pub const AL_FREQUENCY: ALenum = 0x2001;
pub const AL_BITS: ALenum = 0x2002;
pub const AL_CHANNELS: ALenum = 0x2003;
pub const AL_SIZE: ALenum = 0x2004;
pub const AL_NO_ERROR: ALenum = 0;
pub const AL_INVALID_NAME: ALenum = 0xA001;
pub const AL_INVALID_ENUM: ALenum = 0xA002;
pub const AL_INVALID_VALUE: ALenum = 0xA003;
pub const AL_INVALID_OPERATION: ALenum = 0xA004;
pub const AL_OUT_OF_MEMORY: ALenum = 0xA005;
pub const AL_VENDOR: ALenum = 0xB001;
pub const AL_VERSION: ALenum = 0xB002;
pub const AL_RENDERER: ALenum = 0xB003;
pub const AL_EXTENSIONS: ALenum = 0xB004;
pub const AL_DOPPLER_FACTOR: ALenum = 0xC000;
pub const AL_SPEED_OF_SOUND: ALenum = 0xC003;
pub const AL_DISTANCE_MODEL: ALenum = 0xD000;
pub const AL_INVERSE_DISTANCE_CLAMPED: ALenum = 0xD002;

pub const ALC_FALSE: ALCboolean = 0;
pub const ALC_TRUE: ALCboolean = 1;
pub const ALC_FREQUENCY: ALCenum = 0x1007;
pub const ALC_REFRESH: ALCenum = 0x1008;
pub const ALC_SYNC: ALCenum = 0x1009;
pub const ALC_MONO_SOURCES: ALCenum = 0x1010;
pub const ALC_STEREO_SOURCES: ALCenum = 0x1011;
pub const ALC_NO_ERROR: ALCenum = 0;
pub const ALC_INVALID_DEVICE: ALCenum = 0xA001;
pub const ALC_INVALID_CONTEXT: ALCenum = 0xA002;
pub const ALC_DEFAULT_DEVICE_SPECIFIER: ALCenum = 0x1004;
pub const ALC_DEVICE_SPECIFIER: ALCenum = 0x1005;
pub const ALC_EXTENSIONS: ALCenum = 0x1006;
pub const ALC_ALL_DEVICES_SPECIFIER: ALCenum = 0x1013;

// ALC_EXT_EFX
pub const ALC_MAX_AUXILIARY_SENDS: ALCenum = 0x20003;
pub const AL_EFFECT_TYPE: ALenum = 0x8001;
pub const AL_EFFECT_NULL: ALenum = 0x0000;
pub const AL_EFFECT_REVERB: ALenum = 0x0001;
pub const AL_EFFECT_ECHO: ALenum = 0x0004;
pub const AL_EFFECTSLOT_EFFECT: ALenum = 0x0001;
pub const AL_AUXILIARY_SEND_FILTER: ALenum = 0x20006;

extern "C" {
    pub fn alcOpenDevice(devicename: *const ALCchar) -> *mut ALCdevice;
    pub fn alcCloseDevice(device: *mut ALCdevice) -> ALCboolean;
    pub fn alcCreateContext(device: *mut ALCdevice, attrlist: *const ALCint) -> *mut ALCcontext;
    pub fn alcMakeContextCurrent(context: *mut ALCcontext) -> ALCboolean;
    pub fn alcProcessContext(context: *mut ALCcontext);
    pub fn alcSuspendContext(context: *mut ALCcontext);
    pub fn alcDestroyContext(context: *mut ALCcontext);
    pub fn alcGetCurrentContext() -> *mut ALCcontext;
    pub fn alcGetContextsDevice(context: *mut ALCcontext) -> *mut ALCdevice;
    pub fn alcGetError(device: *mut ALCdevice) -> ALCenum;
    pub fn alcIsExtensionPresent(device: *mut ALCdevice, extname: *const ALCchar) -> ALCboolean;
    pub fn alcGetString(device: *mut ALCdevice, param: ALCenum) -> *const ALCchar;
    pub fn alcGetIntegerv(device: *mut ALCdevice, param: ALCenum, size: ALCsizei, values: *mut ALCint);

    pub fn alGetError() -> ALenum;
    pub fn alGetString(param: ALenum) -> *const ALchar;
    pub fn alIsExtensionPresent(extname: *const ALchar) -> ALboolean;
    pub fn alGetProcAddress(fname: *const ALchar) -> *mut c_void;
    pub fn alDistanceModel(model: ALenum);
    pub fn alDopplerFactor(value: ALfloat);
    pub fn alSpeedOfSound(value: ALfloat);

    pub fn alListenerf(param: ALenum, value: ALfloat);
    pub fn alListener3f(param: ALenum, v1: ALfloat, v2: ALfloat, v3: ALfloat);
    pub fn alListenerfv(param: ALenum, values: *const ALfloat);
    pub fn alGetListenerf(param: ALenum, value: *mut ALfloat);

    pub fn alGenSources(n: ALsizei, sources: *mut ALuint);
    pub fn alDeleteSources(n: ALsizei, sources: *const ALuint);
    pub fn alIsSource(source: ALuint) -> ALboolean;
    pub fn alSourcef(source: ALuint, param: ALenum, value: ALfloat);
    pub fn alSource3f(source: ALuint, param: ALenum, v1: ALfloat, v2: ALfloat, v3: ALfloat);
    pub fn alSourcei(source: ALuint, param: ALenum, value: ALint);
    pub fn alGetSourcei(source: ALuint, param: ALenum, value: *mut ALint);
    pub fn alGetSourcef(source: ALuint, param: ALenum, value: *mut ALfloat);
    pub fn alSourcePlay(source: ALuint);
    pub fn alSourcePause(source: ALuint);
    pub fn alSourceStop(source: ALuint);
    pub fn alSourceRewind(source: ALuint);
    pub fn alSourceQueueBuffers(source: ALuint, nb: ALsizei, buffers: *const ALuint);
    pub fn alSourceUnqueueBuffers(source: ALuint, nb: ALsizei, buffers: *mut ALuint);

    pub fn alGenBuffers(n: ALsizei, buffers: *mut ALuint);
    pub fn alDeleteBuffers(n: ALsizei, buffers: *const ALuint);
    pub fn alIsBuffer(buffer: ALuint) -> ALboolean;
    pub fn alBufferData(buffer: ALuint, format: ALenum, data: *const ALvoid, size: ALsizei, freq: ALsizei);
    pub fn alGetBufferi(buffer: ALuint, param: ALenum, value: *mut ALint);
}

/// Human-readable name of an AL error code.
pub fn al_error_name(code: ALenum) -> &'static str {
    match code {
        AL_NO_ERROR => "AL_NO_ERROR",
        AL_INVALID_NAME => "AL_INVALID_NAME",
        AL_INVALID_ENUM => "AL_INVALID_ENUM",
        AL_INVALID_VALUE => "AL_INVALID_VALUE",
        AL_INVALID_OPERATION => "AL_INVALID_OPERATION",
        AL_OUT_OF_MEMORY => "AL_OUT_OF_MEMORY",
        _ => "unknown AL error",
    }
}

/// Bytes per sample frame for the four core formats.
pub fn frame_size(format: ALenum) -> Option<usize> {
    match format {
        AL_FORMAT_MONO8 => Some(1),
        AL_FORMAT_MONO16 | AL_FORMAT_STEREO8 => Some(2),
        AL_FORMAT_STEREO16 => Some(4),
        _ => None,
    }
}
