//! Checking one member of a value on its own, for live validation of one form field: what
//! [`ServiceModel::validate`] reports at that member and inside it, and nothing else.

use serde_json::Value;

use super::{join, missing, ServiceModel, Shape, TypeMismatch, Violation, Violations};

impl ServiceModel {
    /// The violations [`validate`](ServiceModel::validate) reports at `path` (a member path
    /// such as `A.B[2].C`) or inside it, in the same order, without checking the rest of
    /// `value`. Nothing is reported where `validate` would not look: below an absent member
    /// or inside a list over its maximum.
    pub fn validate_member(
        &self,
        shape: &str,
        value: &Value,
        path: &str,
    ) -> Result<Vec<Violation>, TypeMismatch> {
        let mut out = Violations {
            keep: usize::MAX,
            ..Violations::default()
        };
        let (mut shape, mut value, mut at) = (shape, value, String::new());
        let mut segments = path.split('.').peekable();
        while let Some(segment) = segments.next() {
            let (name, index) = match segment.split_once('[') {
                Some((name, rest)) => match rest.strip_suffix(']').map(str::parse::<usize>) {
                    Some(Ok(i)) => (name, Some(i)),
                    _ => return Ok(Vec::new()),
                },
                None => (segment, None),
            };
            let Some(Shape::Structure {
                members, required, ..
            }) = self.shapes.get(shape)
            else {
                return Ok(Vec::new());
            };
            let Some((_, member_shape)) = members.iter().find(|(m, _)| m == name) else {
                return Ok(Vec::new());
            };
            let member_path = join(&at, name);
            let present = value
                .as_object()
                .and_then(|o| o.get(name))
                .filter(|v| !v.is_null());
            let Some(member) = present else {
                let last = index.is_none() && segments.peek().is_none();
                if last && required.iter().any(|r| r == name) {
                    out.push(|| missing(&member_path));
                }
                return Ok(out.first);
            };
            (shape, value, at) = (member_shape, member, member_path);
            if let Some(i) = index {
                let Some(Shape::List { member, max, .. }) = self.shapes.get(shape) else {
                    return Ok(Vec::new());
                };
                let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
                let over = max.is_some_and(|hi| items.len() as u64 > hi);
                let Some(item) = items.get(i).filter(|_| !over) else {
                    return Ok(Vec::new());
                };
                (shape, value, at) = (member, item, format!("{at}[{i}]"));
            }
        }
        self.check(shape, value, &at, &mut out)?;
        Ok(out.first)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::model::model;

    #[test]
    fn reports_what_the_whole_check_reports_at_the_member_only() {
        let request = json!({
            "Catalog": "AWS!",
            "Identifier": "engi-short",
            "RejectionReason": "tab\tinside"
        });
        let whole = model()
            .validate("RejectEngagementInvitationRequest", &request)
            .unwrap();
        for path in ["Catalog", "Identifier", "RejectionReason"] {
            let member = model()
                .validate_member("RejectEngagementInvitationRequest", &request, path)
                .unwrap();
            let expected: Vec<_> = whole.iter().filter(|v| v.field == path).cloned().collect();
            assert!(!member.is_empty(), "{path}");
            assert_eq!(member, expected, "{path}");
        }
    }

    #[test]
    fn finds_list_items_and_missing_required_members() {
        let request = json!({
            "Catalog": "AWS",
            "Identifier": "engi-0123456789abc",
            "Invitation": {"Payload": {"OpportunityInvitation": {
                "SenderContacts": [{"Email": "a@b.example"}, {"Email": "not an email"}]
            }}}
        });
        let shape = "CreateEngagementInvitationRequest";
        let path = "Invitation.Payload.OpportunityInvitation.SenderContacts[1].Email";
        let v = model().validate_member(shape, &request, path).unwrap();
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(
            (v[0].field.as_str(), v[0].code),
            (path, "INVALID_STRING_FORMAT")
        );
        let path = "Invitation.Payload.OpportunityInvitation.SenderContacts[0].Email";
        assert!(model()
            .validate_member(shape, &request, path)
            .unwrap()
            .is_empty());
        let v = model()
            .validate_member(shape, &request, "ClientToken")
            .unwrap();
        assert_eq!(v[0].code, "REQUIRED_FIELD_MISSING");
        let v = model()
            .validate_member(
                shape,
                &request,
                "Invitation.Payload.LeadInvitation.Customer",
            )
            .unwrap();
        assert!(v.is_empty(), "nothing below an absent member: {v:?}");
    }
}
