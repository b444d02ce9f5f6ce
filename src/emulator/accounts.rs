//! The partner accounts the emulator serves. The access key a request is signed with selects
//! the account it acts as; a key that belongs to no account acts as the first one.

use std::collections::HashMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::auth::Key;
use super::members::Member;

/// One partner account of the seed, with the key pair that acts as it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Account {
    pub aws_account_id: String,
    pub company_name: String,
    pub alias: String,
    pub website_url: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Makes the key pair temporary credentials: every request signed with the key must send
    /// this token in `X-Amz-Security-Token`.
    #[serde(default)]
    pub session_token: Option<String>,
}

impl Account {
    /// The IAM user its key pair belongs to, as STS GetCallerIdentity names it:
    /// `arn:aws:iam::111122223333:user/northwind`.
    pub fn user_arn(&self) -> String {
        format!("arn:aws:iam::{}:user/{}", self.aws_account_id, self.alias)
    }

    /// That user's unique id, shaped as IAM's (`AIDA` and 17 more characters) and the same on
    /// every start.
    pub fn user_id(&self) -> String {
        let digest = Sha256::digest(self.user_arn().as_bytes());
        let mut id = hex::encode_upper(digest);
        id.truncate(17);
        format!("AIDA{id}")
    }

    /// The account as a member of an engagement.
    pub fn member(&self) -> Member {
        Member {
            account_id: self.aws_account_id.clone(),
            company_name: self.company_name.clone(),
            website_url: Some(self.website_url.clone()),
        }
    }
}

/// The seed's accounts, at least one, with distinct ids and access keys.
#[derive(Debug, Clone)]
pub struct Accounts(Vec<Account>);

impl Accounts {
    /// Checks that there is an account and that no id or access key repeats.
    pub fn new(accounts: Vec<Account>) -> Result<Self, String> {
        if accounts.is_empty() {
            return Err("invalid seed: Accounts lists no account".into());
        }
        for (n, a) in accounts.iter().enumerate() {
            let earlier = &accounts[..n];
            if earlier.iter().any(|b| b.aws_account_id == a.aws_account_id) {
                return Err(format!(
                    "invalid seed: account {} repeats",
                    a.aws_account_id
                ));
            }
            if earlier.iter().any(|b| b.access_key_id == a.access_key_id) {
                return Err(format!(
                    "invalid seed: access key {} belongs to two accounts",
                    a.access_key_id
                ));
            }
        }
        Ok(Accounts(accounts))
    }

    /// The first account: the one the default key pair and any key of no account act as.
    pub fn first(&self) -> &Account {
        &self.0[0]
    }

    /// The account requests signed with `access_key` act as.
    pub fn acting(&self, access_key: &str) -> &Account {
        self.0
            .iter()
            .find(|a| a.access_key_id == access_key)
            .unwrap_or(self.first())
    }

    /// The account with this AWS account id.
    pub fn get(&self, id: &str) -> Option<&Account> {
        self.0.iter().find(|a| a.aws_account_id == id)
    }

    /// The access keys accepted: every account's, and the `extra` (access key, secret key)
    /// pairs, whose secret wins over an account's for the same key (its session token stays).
    pub fn keys(&self, extra: Vec<(String, String)>) -> HashMap<String, Key> {
        let mut keys: HashMap<String, Key> = self
            .0
            .iter()
            .map(|a| {
                let key = Key {
                    secret: a.secret_access_key.clone(),
                    session_token: a.session_token.clone(),
                };
                (a.access_key_id.clone(), key)
            })
            .collect();
        for (access_key, secret) in extra {
            keys.entry(access_key)
                .or_insert_with(|| Key {
                    secret: String::new(),
                    session_token: None,
                })
                .secret = secret;
        }
        keys
    }

    /// Every account, the first first.
    pub fn iter(&self) -> impl Iterator<Item = &Account> {
        self.0.iter()
    }
}
