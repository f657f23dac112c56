//! The full-time community worker's record through 准入、培训、管理、考核、退出 (admission, training, in-service
//! management, assessment, exit): the mechanisms the seed says the district built for the base force of social
//! work talent (\[seed\] 建立了准入、培训、管理、考核、退出等机制).
//!
//! A [`WorkerRecord`] is changed only by applying [`Event`]s one at a time. An event that does not fit the
//! current stage is rejected with an error naming both, and the record is left unchanged. The record keeps its
//! full dated history, which replays to the same record.
//!
//! The seed names the mechanisms but not their parameters; [`LifecycleRules`] holds them as data, with
//! documented defaults marked as \[policy default\].
//!
//! ```
//! use talent_matrix::lifecycle::{Date, Event, Grade, Stage, WorkerRecord, LifecycleRules};
//!
//! let mut w = WorkerRecord::new("C-12", LifecycleRules::default());
//! let d = |s: &str| s.parse::<Date>().expect("a date");
//! w.apply(d("2025-03-01"), Event::Admit)?;
//! w.apply(d("2025-03-10"), Event::StartTraining)?;
//! w.apply(d("2025-05-30"), Event::CompleteTraining)?;
//! w.apply(d("2025-12-20"), Event::Assess(Grade::Excellent))?;
//! assert_eq!(w.stage(), Stage::InService);
//! let err = w.apply(d("2026-01-05"), Event::CompleteTraining).unwrap_err();
//! assert_eq!(err.to_string(), "cannot complete training (on 2026-01-05) while the worker is in service");
//! assert_eq!(w.history().len(), 4);
//! assert_eq!(WorkerRecord::replay("C-12", LifecycleRules::default(), w.history())?, w);
//! # Ok::<(), talent_matrix::lifecycle::LifecycleError>(())
//! ```

use core::fmt;
use core::str::FromStr;

use crate::codes::code_list;
use crate::lang::Lang;

/// A calendar date (proleptic Gregorian), written `YYYY-MM-DD`.
///
/// ```
/// use talent_matrix::lifecycle::Date;
/// let d: Date = "2024-02-29".parse()?;
/// assert_eq!(d.to_string(), "2024-02-29");
/// assert!("2023-02-29".parse::<Date>().is_err());
/// # Ok::<(), talent_matrix::lifecycle::ParseDateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists.
    ///
    /// ```
    /// use talent_matrix::lifecycle::Date;
    /// assert!(Date::new(2025, 4, 31).is_none());
    /// assert!(Date::new(2025, 4, 30).is_some());
    /// ```
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error returned when a string is not a `YYYY-MM-DD` date that exists.
///
/// ```
/// let err = "2025-13-01".parse::<talent_matrix::lifecycle::Date>().unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid date "2025-13-01", expected YYYY-MM-DD"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {input:?}, expected YYYY-MM-DD")]
pub struct ParseDateError {
    input: String,
}

impl FromStr for Date {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let fail = || ParseDateError {
            input: s.to_owned(),
        };
        let t = s.trim();
        let mut parts = t.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(fail());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(fail());
        }
        let (Ok(y), Ok(m), Ok(d)) = (y.parse(), m.parse(), d.parse()) else {
            return Err(fail());
        };
        Date::new(y, m, d).ok_or_else(fail)
    }
}

code_list! {
    /// An assessment grade (考核等次), best first. With `serde`: its code.
    ///
    /// ```
    /// use talent_matrix::{Lang, lifecycle::Grade};
    /// assert_eq!(Grade::BasicallyCompetent.label(Lang::ZhHans), "基本称职");
    /// assert_eq!("不稱職".parse::<Grade>()?, Grade::Incompetent);
    /// # Ok::<(), talent_matrix::ParseCodeError>(())
    /// ```
    pub enum Grade: "assessment grade", in lifecycle {
        Excellent = ("excellent", "优秀", "優秀", "Excellent")
            => "national 公务员考核规定（试行）(2007) 第四条: 考核结果分为优秀、称职、基本称职和不称职四个等次, applied to community workers as a policy default";
        Competent = ("competent", "称职", "稱職", "Competent")
            => "national 公务员考核规定（试行）(2007) 第四条, as a policy default";
        BasicallyCompetent = ("basically_competent", "基本称职", "基本稱職", "Basically competent")
            => "national 公务员考核规定（试行）(2007) 第四条, as a policy default";
        Incompetent = ("incompetent", "不称职", "不稱職", "Incompetent")
            => "national 公务员考核规定（试行）(2007) 第四条, as a policy default";
    }
}

code_list! {
    /// Why a worker leaves (退出). With `serde`: its code.
    ///
    /// ```
    /// use talent_matrix::{Lang, lifecycle::ExitReason};
    /// assert_eq!(ExitReason::FailedAssessment.label(Lang::ZhHans), "考核不合格");
    /// assert_eq!(ExitReason::FailedAssessment.label(Lang::ZhHant), "考核不合格");
    /// ```
    pub enum ExitReason: "exit reason", in lifecycle {
        Resignation = ("resignation", "辞职", "辭職", "Resignation")
            => "seed 建立了準入、培訓、管理、考核、退出等機制 (the reasons are a policy default)";
        FailedAssessment = ("failed_assessment", "考核不合格", "考核不合格", "Failed assessment")
            => "seed 建立了準入、培訓、管理、考核、退出等機制: 考核 leading to 退出 (policy default)";
        Retirement = ("retirement", "退休", "退休", "Retirement")
            => "seed 建立了準入、培訓、管理、考核、退出等機制 (the reasons are a policy default)";
        Dismissal = ("dismissal", "辞退", "辭退", "Dismissal")
            => "seed 建立了準入、培訓、管理、考核、退出等機制 (the reasons are a policy default)";
        Other = ("other", "其他", "其他", "Other")
            => "seed 建立了準入、培訓、管理、考核、退出等機制 (the reasons are a policy default)";
    }
}

/// Something that happens to a worker's record.
///
/// ```
/// use talent_matrix::lifecycle::{Event, Grade};
/// assert_eq!(Event::Assess(Grade::Competent).to_string(), "assess (competent)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Event {
    /// 准入: admitted as a full-time community worker.
    Admit,
    /// 培训: starts training (from admission), or returns to it from service (by default only after a 基本称职
    /// grade: see [`LifecycleRules`]).
    StartTraining,
    /// Training completed: the worker is in service (在岗管理).
    CompleteTraining,
    /// Routine training while in service (在岗培训): recorded, and the worker stays in service. Allowed when
    /// [`LifecycleRules::routine_training`] is (the default).
    RoutineTraining,
    /// 考核: a periodic assessment with its grade.
    Assess(Grade),
    /// 退出: leaves, for a reason.
    Exit(ExitReason),
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Admit => f.write_str("admit"),
            Event::StartTraining => f.write_str("start training"),
            Event::CompleteTraining => f.write_str("complete training"),
            Event::RoutineTraining => f.write_str("take routine training"),
            Event::Assess(g) => write!(f, "assess ({})", g.label(Lang::En).to_lowercase()),
            Event::Exit(r) => write!(f, "exit ({})", r.label(Lang::En).to_lowercase()),
        }
    }
}

/// Where a worker is in the lifecycle.
///
/// ```
/// use talent_matrix::lifecycle::{LifecycleRules, Stage, WorkerRecord};
/// assert_eq!(WorkerRecord::new("C-1", LifecycleRules::default()).stage(), Stage::Candidate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Not yet admitted.
    Candidate,
    /// Admitted (准入), not yet trained.
    Admitted,
    /// In training (培训).
    Training,
    /// In service (在岗管理), assessed periodically.
    InService,
    /// Left (退出); terminal.
    Exited(ExitReason),
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stage::Candidate => f.write_str("a candidate"),
            Stage::Admitted => f.write_str("admitted"),
            Stage::Training => f.write_str("in training"),
            Stage::InService => f.write_str("in service"),
            Stage::Exited(r) => write!(f, "exited ({})", r.label(Lang::En).to_lowercase()),
        }
    }
}

/// The parameters of the lifecycle, which the seed leaves to the district.
///
/// The seed says only that the district built 准入、培训、管理、考核、退出 mechanisms for full-time community
/// workers. Everything finer is a \[policy default\] and so a parameter here: how many failing grades end
/// service, whether and when a worker in service returns to training, and whether routine training happens in
/// service. (The grade scale, [`Grade`], follows the national civil-service assessment; the exit reasons,
/// [`ExitReason`], are a \[policy default\] list; each says so in its `source()`.)
///
/// ```
/// use talent_matrix::lifecycle::LifecycleRules;
/// let rules = LifecycleRules::default();
/// assert_eq!(rules.incompetent_grades_to_exit, 2);
/// assert!(rules.retraining_after_basic);
/// assert!(rules.retraining_only_after_basic);
/// assert!(rules.routine_training);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct LifecycleRules {
    /// How many consecutive 不称职 grades end service (an exit for failed assessment). \[policy default\]: 2,
    /// the common practice of two consecutive failing assessments; `0` or `1` make one such grade enough.
    pub incompetent_grades_to_exit: u8,
    /// Whether a worker graded 基本称职 may return to training. \[policy default\]: yes.
    pub retraining_after_basic: bool,
    /// Whether returning to training from service needs a 基本称职 grade last (else any worker in service may
    /// return to it). \[policy default\]: yes, training again is the remedy for a 基本称职 grade. Absent in a
    /// serialized record written before it existed: the default.
    #[cfg_attr(feature = "serde", serde(default = "yes"))]
    pub retraining_only_after_basic: bool,
    /// Whether a worker in service may take routine training ([`Event::RoutineTraining`]) without leaving
    /// service. \[policy default\]: yes. Absent in an older serialized record: the default.
    #[cfg_attr(feature = "serde", serde(default = "yes"))]
    pub routine_training: bool,
}

/// The serde default of the rules added after the first: `true`, as [`LifecycleRules::default`] has them.
#[cfg(feature = "serde")]
fn yes() -> bool {
    true
}

impl Default for LifecycleRules {
    fn default() -> Self {
        LifecycleRules {
            incompetent_grades_to_exit: 2,
            retraining_after_basic: true,
            retraining_only_after_basic: true,
            routine_training: true,
        }
    }
}

/// An event that does not fit the record: the record is unchanged.
///
/// ```
/// use talent_matrix::lifecycle::{Date, Event, LifecycleRules, WorkerRecord};
/// let mut w = WorkerRecord::new("C-1", LifecycleRules::default());
/// let err = w.apply(Date::new(2025, 1, 1).expect("a date"), Event::StartTraining).unwrap_err();
/// assert_eq!(err.to_string(), "cannot start training (on 2025-01-01) while the worker is a candidate");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LifecycleError {
    /// The event does not fit the stage.
    #[error("cannot {event} (on {date}) while the worker is {stage}")]
    Stage {
        /// The event.
        event: Event,
        /// Its date.
        date: Date,
        /// The worker's stage.
        stage: Stage,
    },
    /// A 基本称职 worker may not retrain under these rules.
    #[error(
        "cannot {event} (on {date}): retraining after a basically competent grade is not allowed"
    )]
    NoRetraining {
        /// The event.
        event: Event,
        /// Its date.
        date: Date,
    },
    /// Routine training in service is not allowed under these rules.
    #[error("cannot {event} (on {date}): routine training in service is not allowed")]
    NoRoutineTraining {
        /// The event.
        event: Event,
        /// Its date.
        date: Date,
    },
    /// The event is dated before the last one.
    #[error("cannot {event} on {date}: the last event is dated {last}")]
    OutOfOrder {
        /// The event.
        event: Event,
        /// Its date.
        date: Date,
        /// The date of the last event.
        last: Date,
    },
}

/// A full-time community worker's record: stage, assessment streak and full dated history.
///
/// With `serde` it is written as its id, rules and history, and read back by replaying the history, so a
/// record read from data is always one the events could have produced.
///
/// ```
/// # #[cfg(feature = "json")] {
/// use talent_matrix::lifecycle::{Date, Event, LifecycleRules, WorkerRecord};
/// let mut w = WorkerRecord::new("C-1", LifecycleRules::default());
/// w.apply(Date::new(2025, 1, 2).expect("a date"), Event::Admit)?;
/// let json = serde_json::to_string(&w).expect("serializes");
/// assert_eq!(
///     json,
///     r#"{"id":"C-1","rules":{"incompetent_grades_to_exit":2,"retraining_after_basic":true,"#.to_owned()
///         + r#""retraining_only_after_basic":true,"routine_training":true},"history":[["2025-01-02","admit"]]}"#
/// );
/// assert_eq!(serde_json::from_str::<WorkerRecord>(&json).expect("reads back"), w);
/// // A record written before the last two rules existed reads with their defaults.
/// let old = r#"{"id":"C-1","rules":{"incompetent_grades_to_exit":2,"retraining_after_basic":true},"history":[]}"#;
/// assert_eq!(serde_json::from_str::<WorkerRecord>(old).expect("reads").rules(), LifecycleRules::default());
/// # }
/// # Ok::<(), talent_matrix::lifecycle::LifecycleError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RecordData", into = "RecordData")
)]
pub struct WorkerRecord {
    id: String,
    rules: LifecycleRules,
    stage: Stage,
    last_grade: Option<Grade>,
    incompetent_streak: u8,
    history: Vec<(Date, Event)>,
}

impl WorkerRecord {
    /// A candidate's empty record.
    ///
    /// ```
    /// use talent_matrix::lifecycle::{LifecycleRules, WorkerRecord};
    /// let w = WorkerRecord::new("C-7", LifecycleRules::default());
    /// assert_eq!(w.id(), "C-7");
    /// assert!(w.history().is_empty());
    /// ```
    pub fn new(id: impl Into<String>, rules: LifecycleRules) -> WorkerRecord {
        WorkerRecord {
            id: id.into(),
            rules,
            stage: Stage::Candidate,
            last_grade: None,
            incompetent_streak: 0,
            history: Vec::new(),
        }
    }

    /// Rebuilds a record from its history.
    ///
    /// # Errors
    ///
    /// The first event that does not fit, as [`apply`](Self::apply) would report it.
    ///
    /// ```
    /// use talent_matrix::lifecycle::{Date, Event, LifecycleRules, WorkerRecord};
    /// let d = Date::new(2025, 1, 1).expect("a date");
    /// let w = WorkerRecord::replay("C-1", LifecycleRules::default(), &[(d, Event::Admit)])?;
    /// assert_eq!(w.history().len(), 1);
    /// # Ok::<(), talent_matrix::lifecycle::LifecycleError>(())
    /// ```
    pub fn replay(
        id: impl Into<String>,
        rules: LifecycleRules,
        history: &[(Date, Event)],
    ) -> Result<WorkerRecord, LifecycleError> {
        let mut record = WorkerRecord::new(id, rules);
        for &(date, event) in history {
            record.apply(date, event)?;
        }
        Ok(record)
    }

    /// The worker's id.
    ///
    /// ```
    /// # use talent_matrix::lifecycle::{LifecycleRules, WorkerRecord};
    /// assert_eq!(WorkerRecord::new("x", LifecycleRules::default()).id(), "x");
    /// ```
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The current stage.
    ///
    /// ```
    /// # use talent_matrix::lifecycle::{LifecycleRules, Stage, WorkerRecord};
    /// assert_eq!(WorkerRecord::new("x", LifecycleRules::default()).stage(), Stage::Candidate);
    /// ```
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The most recent assessment grade, if any.
    ///
    /// ```
    /// # use talent_matrix::lifecycle::{LifecycleRules, WorkerRecord};
    /// assert_eq!(WorkerRecord::new("x", LifecycleRules::default()).last_grade(), None);
    /// ```
    pub fn last_grade(&self) -> Option<Grade> {
        self.last_grade
    }

    /// The rules the record follows.
    ///
    /// ```
    /// # use talent_matrix::lifecycle::{LifecycleRules, WorkerRecord};
    /// assert_eq!(WorkerRecord::new("x", LifecycleRules::default()).rules(), LifecycleRules::default());
    /// ```
    pub fn rules(&self) -> LifecycleRules {
        self.rules
    }

    /// Every accepted event, in order, with its date.
    ///
    /// ```
    /// # use talent_matrix::lifecycle::{LifecycleRules, WorkerRecord};
    /// assert!(WorkerRecord::new("x", LifecycleRules::default()).history().is_empty());
    /// ```
    pub fn history(&self) -> &[(Date, Event)] {
        &self.history
    }

    /// Applies one event. On error the record is unchanged.
    ///
    /// Admission, then training, then service; in service, assessments (enough consecutive 不称职 grades end
    /// service with an exit for failed assessment), routine training if the rules allow, and training again
    /// (after a 基本称职 grade, or at any time, as the rules say); an exit from any stage but the last; nothing
    /// after an exit.
    ///
    /// # Errors
    ///
    /// [`LifecycleError`] naming the event and the stage (or the rule, or the date order).
    ///
    /// ```
    /// use talent_matrix::lifecycle::{Date, Event, ExitReason, Grade, LifecycleRules, Stage, WorkerRecord};
    /// let d = |m| Date::new(2025, m, 1).expect("a date");
    /// let mut w = WorkerRecord::new("C-3", LifecycleRules::default());
    /// for (m, e) in [(1, Event::Admit), (2, Event::StartTraining), (3, Event::CompleteTraining)] {
    ///     w.apply(d(m), e)?;
    /// }
    /// w.apply(d(6), Event::Assess(Grade::Incompetent))?;
    /// w.apply(d(12), Event::Assess(Grade::Incompetent))?;
    /// assert_eq!(w.stage(), Stage::Exited(ExitReason::FailedAssessment));
    /// # Ok::<(), talent_matrix::lifecycle::LifecycleError>(())
    /// ```
    pub fn apply(&mut self, date: Date, event: Event) -> Result<(), LifecycleError> {
        if let Some(&(last, _)) = self.history.last()
            && date < last
        {
            return Err(LifecycleError::OutOfOrder { event, date, last });
        }
        let wrong = || LifecycleError::Stage {
            event,
            date,
            stage: self.stage,
        };
        let (stage, last_grade, streak) = match (self.stage, event) {
            (Stage::Exited(_), _) => return Err(wrong()),
            (_, Event::Exit(reason)) => (
                Stage::Exited(reason),
                self.last_grade,
                self.incompetent_streak,
            ),
            (Stage::Candidate, Event::Admit) => (Stage::Admitted, None, 0),
            (Stage::Admitted, Event::StartTraining) => (Stage::Training, None, 0),
            (Stage::InService, Event::StartTraining) => {
                let basic = self.last_grade == Some(Grade::BasicallyCompetent);
                if !basic && self.rules.retraining_only_after_basic {
                    return Err(wrong());
                }
                if basic && !self.rules.retraining_after_basic {
                    return Err(LifecycleError::NoRetraining { event, date });
                }
                (Stage::Training, self.last_grade, self.incompetent_streak)
            }
            (Stage::InService, Event::RoutineTraining) => {
                if !self.rules.routine_training {
                    return Err(LifecycleError::NoRoutineTraining { event, date });
                }
                (Stage::InService, self.last_grade, self.incompetent_streak)
            }
            (Stage::Training, Event::CompleteTraining) => {
                (Stage::InService, self.last_grade, self.incompetent_streak)
            }
            (Stage::InService, Event::Assess(grade)) => {
                let streak = if grade == Grade::Incompetent {
                    self.incompetent_streak.saturating_add(1)
                } else {
                    0
                };
                let stage = if grade == Grade::Incompetent
                    && streak >= self.rules.incompetent_grades_to_exit.max(1)
                {
                    Stage::Exited(ExitReason::FailedAssessment)
                } else {
                    Stage::InService
                };
                (stage, Some(grade), streak)
            }
            _ => return Err(wrong()),
        };
        self.stage = stage;
        self.last_grade = last_grade;
        self.incompetent_streak = streak;
        self.history.push((date, event));
        Ok(())
    }
}

/// The serialized form of a [`WorkerRecord`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordData {
    id: String,
    rules: LifecycleRules,
    history: Vec<(Date, Event)>,
}

#[cfg(feature = "serde")]
impl From<WorkerRecord> for RecordData {
    fn from(w: WorkerRecord) -> Self {
        RecordData {
            id: w.id,
            rules: w.rules,
            history: w.history,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<RecordData> for WorkerRecord {
    type Error = LifecycleError;
    fn try_from(d: RecordData) -> Result<Self, LifecycleError> {
        WorkerRecord::replay(d.id, d.rules, &d.history)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
