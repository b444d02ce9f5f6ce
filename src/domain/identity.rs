//! Whom the credentials in use belong to.

/// The caller, as STS GetCallerIdentity names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The AWS account id, 12 digits.
    pub account: String,
    /// The principal: an IAM user, an assumed role's session, the root.
    pub arn: String,
}
