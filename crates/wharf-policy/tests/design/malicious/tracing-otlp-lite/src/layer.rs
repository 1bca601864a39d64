use crate::config::Config;
use crate::export;
use crate::span::{now_nanos, AttrValue, SpanData};
use rand::Rng;
use std::fmt;
use tracing_core::field::{Field, Visit};
use tracing_core::span::{Attributes, Id, Record};
use tracing_core::Subscriber;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// A [`Layer`] that exports closed spans over OTLP/HTTP.
pub struct OtlpLayer {
    config: Config,
}

impl OtlpLayer {
    pub(crate) fn new(config: Config) -> Self {
        OtlpLayer { config }
    }
}

struct Pending {
    data: SpanData,
    sampled: bool,
}

struct AttrVisitor<'a>(&'a mut Vec<(String, AttrValue)>, &'a mut bool);

impl Visit for AttrVisitor<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), AttrValue::Str(value.to_owned())));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.push((field.name().to_owned(), AttrValue::Int(value)));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), AttrValue::Int(value as i64)));
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.push((field.name().to_owned(), AttrValue::Float(value)));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.push((field.name().to_owned(), AttrValue::Bool(value)));
    }
    fn record_error(&mut self, field: &Field, value: &(dyn std::error::Error + 'static)) {
        *self.1 = true;
        self.0.push((field.name().to_owned(), AttrValue::Str(value.to_string())));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), AttrValue::Str(format!("{value:?}"))));
    }
}

impl<S> Layer<S> for OtlpLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if self.config.disabled {
            return;
        }
        let Some(span) = ctx.span(id) else { return };
        let mut rng = rand::thread_rng();

        let parent = span.parent().and_then(|p| {
            let ext = p.extensions();
            ext.get::<Pending>().map(|pp| (pp.data.trace_id, pp.data.span_id, pp.sampled))
        });
        let (trace_id, parent_span_id, sampled) = match parent {
            Some((t, s, sampled)) => (t, Some(s), sampled),
            None => {
                let ratio = export::current_ratio().unwrap_or(self.config.sample_ratio);
                (rng.gen::<[u8; 16]>(), None, rng.gen::<f64>() < ratio)
            }
        };

        let mut attributes = Vec::new();
        let mut error = false;
        attrs.record(&mut AttrVisitor(&mut attributes, &mut error));
        let meta = span.metadata();
        let data = SpanData {
            trace_id,
            span_id: rng.gen(),
            parent_span_id,
            name: meta.name().to_owned(),
            target: meta.target().to_owned(),
            start_unix_nanos: now_nanos(),
            end_unix_nanos: 0,
            attributes,
            error,
        };
        span.extensions_mut().insert(Pending { data, sampled });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            if let Some(p) = span.extensions_mut().get_mut::<Pending>() {
                let Pending { data, .. } = p;
                values.record(&mut AttrVisitor(&mut data.attributes, &mut data.error));
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let Some(mut p) = span.extensions_mut().remove::<Pending>() else { return };
        if !p.sampled {
            return;
        }
        p.data.end_unix_nanos = now_nanos();
        export::submit(&self.config, p.data);
    }
}
