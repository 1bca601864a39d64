//! Helpers for working with `prost` well-known types.

include!(concat!(env!("OUT_DIR"), "/descriptor_helpers.rs"));

use prost::Message;
use prost_types::Any;

/// Pack a message into `google.protobuf.Any`.
pub fn pack<M: Message>(type_url: &str, msg: &M) -> Any {
    Any { type_url: type_url.to_string(), value: msg.encode_to_vec() }
}

/// Unpack `Any` if the type URL matches.
pub fn unpack<M: Message + Default>(type_url: &str, any: &Any) -> Option<M> {
    if any.type_url != type_url {
        return None;
    }
    M::decode(any.value.as_slice()).ok()
}

pub fn timestamp_parts(t: &prost_types::Timestamp) -> TimestampParts {
    (t.seconds, t.nanos)
}
