//! # talent-matrix
//!
//! The two-way talent classification scheme of Chinese local talent work (人才双向分类评价机制), as a small,
//! exact, auditable library.
//!
//! **Horizontally** (横向分类) every talent belongs to one of the six national talent streams
//! ([`Stream`]: 党政, 企业经营管理, 专业技术, 高技能, 社会工作, 农村实用), refined into specialties where the
//! district's economy needs it ([`Specialty`]: finance and commerce talent split out of enterprise management;
//! full-time community workers as the base force of social work). **Vertically** (纵向分类) talent is managed in
//! progressive tiers ([`Tier`]): in enterprise management, principals with outstanding performance and major
//! contribution are *leading talent*, middle and senior managers of above-designated-size enterprises are
//! *high-end talent*, and owners of small and medium enterprises with development potential are *enterprise
//! elite*, each managed by its own district departments ([`Department`]).
//!
//! The scheme comes from a 2011 report of Jinan's Shizhong District; the built-in policy `shizhong-2011`
//! writes down the classification rules the report states, fills its gaps with national standards (the 2011
//! SME size standard, the NBS above-designated-size thresholds) and marks every remaining choice as a policy
//! default. The rules are data (`policies/shizhong-2011.toml`): a district can write its own, and the crate
//! proves it sound before it classifies anyone with it.
//!
//! The crate models the classification and who manages each cell, not the whole of the report's talent work:
//! the talent plan and its indicators, the three funds, the liaison officers and their reporting, the target
//! assessment of departments, the five talent programmes, training, most incentives and services, and the
//! demonstration sites are outside it (the README's "What the crate does not model" lists them with the
//! report's words).
//!
//! ```
//! use talent_matrix::{classify, Industry, Post, Profile, Role, Stream, Tier, Wan};
//!
//! let manager = Profile::builder("P-001", Post::Enterprise)
//!     .role(Role::MiddleManager)
//!     .industry(Industry::Industry)
//!     .employees(350)
//!     .revenue_wan(Wan::from_wan(2500))
//!     .build()?;
//! let c = classify(&manager);
//! assert_eq!(c.stream(), Some(Stream::EnterpriseManagement));
//! assert_eq!(c.tier(), Some(Tier::HighEnd));
//! for reason in c.reasons() {
//!     println!("{}: {} / {}", reason.rule(), reason.zh(), reason.en());
//! }
//! // above_designated_size.derived: “工业”企业营业收入2500万元 ≥ 2000万元（规模以上标准）：规模以上 / …
//! # Ok::<(), talent_matrix::ProfileError>(())
//! ```
//!
//! ## Features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `serde` | yes (via `json`) | `Serialize`/`Deserialize` for every code list, [`Wan`], [`Profile`] (the flat §3 record), [`CodeSet`]; `Serialize` for [`Classification`] (the §6 record) |
//! | `json` | yes | [`Profile::from_json`] with typed errors, [`Classification::to_json`] and `write_json`, policy documents as JSON; pulls in `serde_json` |
//! | `toml` | yes | policy documents as TOML; pulls in `toml` |
//! | `rayon` | no | [`batch`] classifies and builds matrices on every core (merging partial matrices); pulls in `rayon` |
//! | `roster` | yes | [`roster::Roster`]: JSON Lines and CSV rosters with per-row errors; pulls in `encoding_rs`, `hashbrown`, `unicode-normalization` |
//! | `xlsx` | yes | workbook rosters (`.xlsx`, `.xls`, `.ods`) and reports, records and rosters written as `.xlsx` ([`report_xlsx`]); pulls in `calamine` and `rust_xlsxwriter` |
//!
//! With no features the crate has no serde dependency: build profiles with [`Profile::builder`]; the built-in
//! policy, [`Matrix`] and its renderings are always there.
//!
//! ## Map
//!
//! | concept | where |
//! |---|---|
//! | code lists, their labels and parsing | [`Stream`], [`Specialty`], [`Tier`], [`Department`], [`Post`], …, [`Coded`], [`CodeSet`], [`Lang`] |
//! | the input record | [`Profile`], [`ProfileBuilder`], [`ProfileError`], [`Wan`] |
//! | enterprise size and above-designated-size | [`enterprise`] |
//! | the rules, as data: load and check, with typed problems | [`Policy`], [`policy`] ([`PolicyDoc`](policy::PolicyDoc), [`PolicyError`](policy::PolicyError), [`Problem`](policy::Problem)) |
//! | a policy's own facts, indicators and evaluations (DOMAIN.md §9.2, §9.3) | [`policy::FactDoc`], [`policy::IndicatorDoc`], [`policy::EvaluationDoc`]; a profile's values: [`PolicyValue`], [`Measure`], read by [`Policy::profile_from_json`](crate::Policy::profile_from_json) and [`roster::RosterOptions::policy`] |
//! | two policies compared on the same people | [`diff`] ([`diff::compare`]) |
//! | the decision | [`classify`], [`Classification`], [`Rule`], [`Reason`]; a policy prepared for long runs: [`Policy::prepare`], [`Prepared`] |
//! | rosters (feature `roster`) | [`roster`] |
//! | many profiles at once, on every core with feature `rayon` | [`batch`] |
//! | the two-way matrix and its table, CSV and SVG | [`Matrix`], [`matrix`] |
//! | this year against last year: who moved, joined and left, per cell and unit | [`compare`] |
//! | a plan's targets per cell, and how far a matrix is from them | [`plan`] |
//! | what would move a person up their ladder | [`progression`] |
//! | the community worker's lifecycle (准入、培训、管理、考核、退出) | [`lifecycle`] |
//! | what hostile text cannot do: refused characters, escaped terminals, neutralised spreadsheet cells | [`safety`] |
//!
//! ## Where rules come from
//!
//! Every rule cites its source, in its doc comment and, for code list values, in
//! [`source()`](Stream::source):
//!
//! - **DOMAIN.md §n**: a section of the crate's domain reference, the contract this crate implements;
//! - **\[seed\]**: the source document, a 2011 report of Jinan's Shizhong District (市中区人才工作十大亮点),
//!   whose section 建立人才双向分类评价机制 describes the scheme;
//! - **\[national\]**: a national standard of the same years (the 2011 SME size standard
//!   工信部联企业〔2011〕300号, the NBS above-designated-size thresholds, the national talent plans);
//! - **\[policy default\]**: a choice of this crate where the seed is silent, made in the built-in policy
//!   and replaceable by a user's own.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod batch;
mod classify;
mod codes;
pub mod compare;
pub mod diff;
pub mod enterprise;
mod error;
mod facts;
mod fields;
mod hash;
mod lang;
pub mod lifecycle;
pub mod matrix;
mod money;
pub mod plan;
pub mod policy;
mod profile;
pub mod progression;
mod raw;
mod reason;
#[cfg(feature = "json")]
mod record;
mod record_csv;
mod report;
#[cfg(feature = "xlsx")]
pub mod report_xlsx;
#[cfg(feature = "roster")]
pub mod roster;
pub mod safety;
mod swar;

pub use classify::{Classification, ManagedBy, ManagedByIter, Prepared, classify};
pub use codes::{
    Closed, CodeSet, CodeSetIter, Coded, Contribution, Defined, Department, EnterpriseSize,
    Entitlement, Field, Industry, IntroductionLevel, MissingFact, Open, Ownership, ParseCodeError,
    Performance, Post, ProfessionalTitle, Role, RuralRole, Service, SkillLevel,
    SocialWorkCertificate, Specialty, Stream, Tier, Values, ValuesIter,
};
pub use error::{ErrorValue, ProfileError};
pub use lang::{Lang, ParseLangError};
pub use matrix::{Matrix, MatrixRow};
pub use money::{Measure, ParseWanError, Wan};
pub use policy::Policy;
pub use profile::{PolicyValue, Profile, ProfileBuilder};
pub use reason::{ParseRuleError, Reason, Rule, Sentence};

/// The README's examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "json"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
