//! JSON Schema calls `3.0` an integer; serde does not. Integer fields of request bodies accept both.

use serde::{Deserialize, Deserializer};

pub(crate) fn option_u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let Some(value) = Option::<serde_json::Number>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let whole = match (value.as_u64(), value.as_f64()) {
        (Some(n), _) => u32::try_from(n).ok(),
        (None, Some(f)) if f.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&f) => Some(f as u32),
        _ => None,
    };
    whole
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("{value} is not a whole number 0..=4294967295")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn whole_floats_are_integers() {
        let patch: crate::configuration::ConfigurationPatch =
            serde_json::from_str(r#"{"invitation_lifetime_hours": 48.0}"#).unwrap();
        assert_eq!(patch.invitation_lifetime_hours, Some(48));
        assert!(
            serde_json::from_str::<crate::configuration::ConfigurationPatch>(
                r#"{"invitation_lifetime_hours": 1.5}"#
            )
            .is_err()
        );
        assert!(
            serde_json::from_str::<crate::configuration::ConfigurationPatch>(
                r#"{"invitation_lifetime_hours": -1}"#
            )
            .is_err()
        );
        let none: crate::configuration::ConfigurationPatch = serde_json::from_str("{}").unwrap();
        assert_eq!(none.invitation_lifetime_hours, None);
    }
}
