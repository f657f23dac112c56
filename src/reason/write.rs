//! The sentences of the reasons, in zh-Hans and English: what each rule decided and why, written from the
//! conditions of the policy that decided and the person's facts.

use crate::classify::Classification;
use crate::codes::{
    Coded, EnterpriseSize, Entitlement, IntroductionLevel, Service, Specialty, Stream, Tier,
};
use crate::enterprise::{self, AboveSizeRule, Bound, Indicator};
use crate::facts::condition::{Cond, Mask};
use crate::facts::{Fact, Facts};
use crate::lang::Lang;
use crate::money::Wan;
use core::fmt::{self};

/// Writes a whole number in decimal, as `{}` does, without going through format arguments.
fn write_whole(f: &mut impl fmt::Write, n: u64) -> fmt::Result {
    // The largest power of ten not above `n` (1 for 0), then one digit per power, most significant first.
    let mut power = 1u64;
    while n / power >= 10 {
        power *= 10;
    }
    loop {
        f.write_char(digit(n / power % 10))?;
        if power == 1 {
            return Ok(());
        }
        power /= 10;
    }
}

/// The decimal digit of a number below 10.
fn digit(d: u64) -> char {
    // `d % 10` is below 10, so the sum is an ASCII digit.
    char::from(b'0' + (d % 10) as u8)
}

/// Writes an amount of 万元 as its `Display` does (`2500`, `337.6`), without format arguments.
fn write_wan(f: &mut impl fmt::Write, w: Wan) -> fmt::Result {
    let (whole, mut frac) = (w.yuan() / 10_000, w.yuan() % 10_000);
    write_whole(f, whole)?;
    if frac == 0 {
        return Ok(());
    }
    f.write_char('.')?;
    // Four decimal places, without the trailing zeros.
    let mut power = 1_000u64;
    while frac != 0 {
        f.write_char(digit(frac / power))?;
        frac %= power;
        power /= 10;
    }
    Ok(())
}

/// Renders the sentences of one classification in one language (zh-Hans or English).
pub(super) struct Writer<'r, 'c> {
    c: &'r Classification<'c>,
    zh: bool,
}

impl<'r, 'c> Writer<'r, 'c> {
    pub(super) fn new(c: &'r Classification<'c>, zh: bool) -> Writer<'r, 'c> {
        Writer { c, zh }
    }

    /// The label of a value in the sentence's language.
    fn l<T: Coded>(&self, v: T) -> &'static str {
        v.label(if self.zh { Lang::ZhHans } else { Lang::En })
    }

    /// `zh` or `en`, by the sentence's language.
    fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        if self.zh { zh } else { en }
    }

    /// The facts of the classified profile, as the compiled policy sees them.
    fn facts(&self) -> Facts {
        self.c.facts()
    }

    /// Writes the labels of the values in `bits`, joined with "or": "a、b或c" / "a, b or c".
    fn values(&self, f: &mut impl fmt::Write, fact: Fact, bits: u32) -> fmt::Result {
        let n = bits.count_ones() as usize;
        for (k, i) in (0..32).filter(|i| bits & (1 << i) != 0).enumerate() {
            if k > 0 {
                f.write_str(if k + 1 == n {
                    self.t("或", " or ")
                } else {
                    self.t("、", ", ")
                })?;
            }
            if fact.slot().is_some() {
                self.slots().write_value(f, fact, i, self.zh)?;
                continue;
            }
            // Bits within the fact's values always have a label; a `?` would show a broken mask, not hide it.
            f.write_str(self.slots().value_label(fact, i, self.zh).unwrap_or("?"))?;
        }
        Ok(())
    }

    /// `name` then a joiner then the values: "职务为…" / "role …".
    fn named(
        &self,
        f: &mut impl fmt::Write,
        fact: Fact,
        zh_joiner: &str,
        en_joiner: &str,
        bits: u32,
    ) -> fmt::Result {
        self.fact_label(f, fact)?;
        f.write_str(self.t(zh_joiner, en_joiner))?;
        self.values(f, fact, bits)
    }

    /// An evaluated fact (DOMAIN.md §9.3): the indicator, the person's number, the threshold met (or for the
    /// value below every grade the lowest one missed) and the value: "区级经济贡献620万元 ≥ 500万元：贡献大" /
    /// "District economic contribution 620 万元 ≥ 500 万元: Major".
    pub(super) fn evaluation(&self, f: &mut impl fmt::Write, code: &str) -> fmt::Result {
        let slots = self.slots();
        let Some(fact) = slots.evaluation(code) else {
            return f.write_str(code);
        };
        let (Some(g), Some((from, unit))) = (
            slots.graded(fact, self.c.profile()),
            slots.evaluated_from(fact),
        ) else {
            return f.write_str(code);
        };
        let lang = if self.zh { Lang::ZhHans } else { Lang::En };
        let sfx = unit.suffix(self.zh);
        write!(
            f,
            "{}{}{}{sfx} {} {}{sfx}{}",
            from.labels.get(lang),
            self.t("", " "),
            g.number,
            if g.met { "≥" } else { "<" },
            g.threshold,
            self.t("：", ": "),
        )?;
        slots.write_value(f, fact, g.value, self.zh)
    }

    /// The policy's own facts (DOMAIN.md §9.2).
    fn slots(&self) -> &crate::facts::slots::Slots {
        &self.c.policy().compiled().slots
    }

    /// A fact's name in the sentence: a built-in fact's label, or the label the policy gives its own.
    fn fact_label(&self, f: &mut impl fmt::Write, fact: Fact) -> fmt::Result {
        if fact.slot().is_some() {
            let label = self.slots().label(fact, self.zh);
            let mut chars = label.chars();
            // Inside an English sentence a label starts in lower case, as the built-in facts' do.
            match chars.next() {
                Some(first) if !self.zh => {
                    f.write_char(first.to_ascii_lowercase())?;
                    f.write_str(chars.as_str())
                }
                _ => f.write_str(label),
            }
        } else {
            fact.label(self.zh).write_to(f)
        }
    }

    /// An indicator clause: "区级经济贡献620万元（≥ 500万元）" / "district economic contribution 620 万元 (≥ 500 万元)",
    /// or, when the number is absent, what it must be.
    fn indicator(&self, f: &mut impl fmt::Write, fact: Fact, allowed: u32) -> fmt::Result {
        let slots = self.slots();
        self.fact_label(f, fact)?;
        let number = slots.indicator_number(fact, self.c.profile());
        if let Some((n, unit)) = number {
            write!(f, "{}{n}{}", self.t("", " "), unit.suffix(self.zh))?;
        }
        let unit = slots.indicator_unit(fact);
        let (at_least, below) = slots.bounds(fact, allowed).unwrap_or((None, None));
        f.write_str(self.t("（", " ("))?;
        let mut first = true;
        if let Some(a) = at_least {
            write!(f, "≥ {a}{}", unit.suffix(self.zh))?;
            first = false;
        }
        if let Some(b) = below {
            if !first {
                f.write_str(self.t("，", ", "))?;
            }
            write!(f, "< {b}{}", unit.suffix(self.zh))?;
        }
        if number.is_none() {
            f.write_str(self.t("，未填", ", not given"))?;
        }
        f.write_str(self.t("）", ")"))
    }

    /// A clause that holds, as the fact that made it hold: "role Middle manager", "ownership not Individual
    /// business", "above designated size", "development potential assessed".
    fn holds(
        &self,
        f: &mut impl fmt::Write,
        fact: Fact,
        allowed: u32,
        possible: u32,
    ) -> fmt::Result {
        if self.slots().bounds(fact, u32::MAX).is_some() {
            return self.indicator(f, fact, allowed);
        }
        if fact.slot().is_some() {
            return self.named(f, fact, "为", " ", possible);
        }
        let yes = possible == 0b10;
        match fact {
            Fact::AboveDesignatedSize => {
                return f.write_str(match (yes, self.zh) {
                    (true, true) => "规模以上",
                    (false, true) => "非规模以上",
                    (true, false) => "above designated size",
                    (false, false) => "not above designated size",
                });
            }
            Fact::Potential => {
                return f.write_str(match (yes, self.zh) {
                    (true, true) => "具有发展潜力",
                    (false, true) => "未评定发展潜力",
                    (true, false) => "development potential assessed",
                    (false, false) => "development potential not assessed",
                });
            }
            _ => {}
        }
        let absent = fact.is_optional() && possible == 1;
        if possible.count_ones() == 1 && !absent {
            // The value itself says why: "role Middle manager", "professional title Senior".
            self.named(f, fact, "为", " ", possible)
        } else {
            // Absent, or a derived fact known only in part: name what the rule excludes, "ownership not
            // Individual business", "enterprise size not Large".
            let all = fact.all_values() & self.slots().real(fact);
            self.named(f, fact, "非", " not ", all & !allowed)
        }
    }

    /// A clause that does not hold, as what it needs: "role Principal or Owner-operator (is Middle manager)",
    /// "above designated size (not known)".
    fn needs(
        &self,
        f: &mut impl fmt::Write,
        fact: Fact,
        allowed: u32,
        possible: u32,
    ) -> fmt::Result {
        if self.slots().bounds(fact, u32::MAX).is_some() {
            return self.indicator(f, fact, allowed);
        }
        if fact.slot().is_some() {
            self.named(f, fact, "为", " ", self.slots().describable(fact, allowed))?;
            return if allowed & possible != 0 {
                f.write_str(self.t("（未知）", " (not known)"))
            } else {
                f.write_str(self.t("（现为", " (is "))?;
                self.values(f, fact, possible)?;
                f.write_str(self.t("）", ")"))
            };
        }
        match fact {
            Fact::AboveDesignatedSize | Fact::Potential if allowed == 0b10 => {
                f.write_str(match (fact, self.zh) {
                    (Fact::Potential, true) => "具有发展潜力",
                    (Fact::Potential, false) => "development potential assessed",
                    (_, true) => "规模以上企业",
                    (_, false) => "an enterprise above designated size",
                })?
            }
            Fact::AboveDesignatedSize | Fact::Potential => {
                self.named(f, fact, " ", " ", allowed)?
            }
            _ => {
                let excluded = fact.all_values() & self.slots().real(fact) & !allowed;
                if allowed.count_ones() > 4 && excluded.count_ones() < allowed.count_ones() {
                    self.named(f, fact, "非", " other than ", excluded)?;
                } else {
                    self.named(f, fact, "为", " ", allowed)?;
                }
            }
        }
        if allowed & possible != 0 {
            f.write_str(self.t("（未知）", " (not known)"))
        } else if fact == Fact::AboveDesignatedSize && possible == 0b01 {
            f.write_str(self.t("（现为非规模以上）", " (it is not)"))
        } else if fact == Fact::Potential && possible == 0b01 {
            f.write_str(self.t("（未评定）", " (not assessed)"))
        } else {
            f.write_str(self.t("（现为", " (is "))?;
            self.values(f, fact, possible)?;
            f.write_str(self.t("）", ")"))
        }
    }

    /// Writes the clauses of a condition that hold (`holding`) or do not (`!holding`), joined: "a, b and c" /
    /// "a，b，c".
    fn clauses(
        &self,
        f: &mut impl fmt::Write,
        mask: &Mask,
        facts: &Facts,
        holding: bool,
    ) -> fmt::Result {
        let selected =
            |&(fact, allowed): &(Fact, u32)| (facts.get(fact) & !allowed == 0) == holding;
        let n = mask.clauses().filter(selected).count();
        for (k, (fact, allowed)) in mask.clauses().filter(selected).enumerate() {
            if k > 0 {
                f.write_str(if self.zh {
                    "，"
                } else if k + 1 == n {
                    " and "
                } else {
                    ", "
                })?;
            }
            if holding {
                self.holds(f, fact, allowed, facts.get(fact))?;
            } else {
                self.needs(f, fact, allowed, facts.get(fact))?;
            }
        }
        Ok(())
    }

    pub(super) fn stream(&self, f: &mut impl fmt::Write, s: Stream) -> fmt::Result {
        let facts = self.facts();
        let compiled = self.c.policy().compiled();
        let holding = compiled.stream(s).and_then(|c| {
            c.eligible
                .iter()
                .find(|m| m.mask.eval(&facts) == Some(true))
        });
        if let Some(m) = holding {
            self.clauses(f, &m.mask, &facts, true)?;
        }
        write!(f, "{}{}", self.t("：", ": "), self.l(s))?;
        let post = self.c.profile().post();
        match compiled.own_stream(post) {
            Some(own) if own == s => {}
            Some(own) => write!(
                f,
                "{}{}{}",
                self.t("；不符合本岗位对应的", "; the post's own stream, "),
                self.l(own),
                self.t(
                    "条件，按顺序取首个符合的类别",
                    ", does not apply, so the first qualifying stream counts"
                )
            )?,
            None => write!(
                f,
                "{}{}{}",
                self.t("；岗位“", "; post "),
                self.l(post),
                self.t(
                    "”无对应类别，按顺序取首个符合的类别",
                    " has no stream of its own, so the first qualifying stream counts"
                )
            )?,
        }
        let also = self.c.also_qualifies();
        if !also.is_empty() {
            f.write_str(self.t("；同时符合", "; also qualifies as "))?;
            for (k, a) in also.iter().enumerate() {
                if k > 0 {
                    f.write_str(self.t("、", ", "))?;
                }
                f.write_str(self.l(a))?;
            }
            f.write_str(self.t("条件（只计一次）", " (counted once)"))?;
        }
        Ok(())
    }

    pub(super) fn no_stream(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let facts = self.facts();
        let compiled = self.c.policy().compiled();
        let post = self.c.profile().post();
        write!(f, "{}{}", self.t("岗位为", "post "), self.l(post))?;
        let own = compiled.own_stream(post).and_then(|s| compiled.stream(s));
        match own {
            Some(own) => {
                // The condition of the post's own stream closest to holding, and what it lacks.
                let closest = own.eligible.iter().min_by_key(|m| lacking(m, &facts));
                write!(
                    f,
                    "{}{}{}",
                    self.t("；", "; "),
                    self.l(own.stream),
                    self.t("需", " needs ")
                )?;
                if let Some(m) = closest {
                    self.clauses(f, &m.mask, &facts, false)?;
                }
            }
            None => f.write_str(self.t("，无对应类别", ", which has no stream of its own"))?,
        }
        f.write_str(self.t(
            "；亦不符合其他类别条件：不计入人才",
            "; no other stream's condition holds: not counted as talent",
        ))
    }

    pub(super) fn specialty(&self, f: &mut impl fmt::Write, s: Specialty) -> fmt::Result {
        let facts = self.facts();
        let compiled = self.c.policy().compiled();
        let stream = self.c.stream().map_or("", |st| self.l(st));
        write!(f, "{stream}{}", self.t("，", " with "))?;
        // The alternative that holds (the first, when several do).
        if let Some(w) = compiled
            .specialty(s)
            .and_then(|c| c.when.iter().find(|w| w.mask.eval(&facts) == Some(true)))
        {
            self.clauses(f, &w.mask, &facts, true)?;
        }
        write!(f, "{}{}", self.t("：", ": "), self.l(s))
    }

    pub(super) fn size_stated(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let size = self.c.enterprise_size().map_or("", |s| self.l(s));
        write!(
            f,
            "{}{}",
            self.t("企业规模（填报）：", "enterprise size stated: "),
            size
        )
    }

    /// `employees 350 ≥ 300` / `从业人员350 ≥ 300`, or with `<` when the bound fails.
    ///
    /// Written piece by piece with `write_str` (no format arguments): these sentences quote a person's numbers,
    /// so the record writer renders them for every person who has them.
    fn bound(&self, f: &mut impl fmt::Write, b: Bound) -> fmt::Result {
        let p = self.c.profile();
        // The sentences name bounds that hold or fail, whose numbers are given; an absent one is said so.
        let value = enterprise::value(p, b.indicator());
        let op = match value {
            Some(v) if v >= b.min() => " ≥ ",
            Some(_) => " < ",
            None => self.t("未填，需 ≥ ", "not given, needs ≥ "),
        };
        match b.indicator() {
            Indicator::Employees => {
                f.write_str(self.t("从业人员", "employees "))?;
                if let Some(v) = value {
                    write_whole(f, v)?;
                }
                f.write_str(op)?;
                write_whole(f, b.min())
            }
            ind => {
                let name = if ind == Indicator::Revenue {
                    self.t("营业收入", "revenue ")
                } else {
                    self.t("资产总额", "assets ")
                };
                let unit = self.t("万元", " 万元");
                f.write_str(name)?;
                if let Some(v) = value {
                    write_wan(f, Wan::from_yuan(v))?;
                    f.write_str(unit)?;
                }
                f.write_str(op)?;
                write_wan(f, Wan::from_yuan(b.min()))?;
                f.write_str(unit)
            }
        }
    }

    fn first_failing(&self, bounds: &[Bound]) -> Option<Bound> {
        bounds
            .iter()
            .copied()
            .find(|b| b.holds(self.c.profile()) == Some(false))
    }

    pub(super) fn size_derived(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let Some(industry) = self.c.industry() else {
            return Ok(());
        };
        let Some([large, medium, small]) = self.c.policy().size_classes(industry) else {
            return Ok(());
        };
        let bounds = |class: EnterpriseSize| -> &[Bound] {
            match class {
                EnterpriseSize::Large => large,
                EnterpriseSize::Medium => medium,
                EnterpriseSize::Small => small,
                EnterpriseSize::Micro => &[],
            }
        };
        f.write_str(self.t("中小企业划型标准“", "SME size standard, row "))?;
        f.write_str(self.l(industry))?;
        f.write_str(self.t("”行：", ": "))?;
        let above = |class: EnterpriseSize| match class {
            EnterpriseSize::Micro => Some(EnterpriseSize::Small),
            EnterpriseSize::Small => Some(EnterpriseSize::Medium),
            EnterpriseSize::Medium => Some(EnterpriseSize::Large),
            EnterpriseSize::Large => None,
        };
        match self.c.enterprise_size() {
            Some(size) => {
                let met = bounds(size);
                for (k, &b) in met.iter().enumerate() {
                    if k > 0 {
                        f.write_str(self.t("，", ", "))?;
                    }
                    self.bound(f, b)?;
                }
                if !met.is_empty() {
                    f.write_str(self.t("（达到", " (meets "))?;
                    f.write_str(self.l(size))?;
                    f.write_str(self.t("标准）", ")"))?;
                }
                if let Some(up) = above(size)
                    && let Some(b) = self.first_failing(bounds(up))
                {
                    if !met.is_empty() {
                        f.write_str(self.t("；", "; "))?;
                    }
                    self.bound(f, b)?;
                    f.write_str(self.t("（未达", " (below "))?;
                    f.write_str(self.l(up))?;
                    f.write_str(self.t("标准）", ")"))?;
                }
                f.write_str(self.t("：", ": "))?;
                f.write_str(self.l(size))
            }
            None => {
                // Only "not large" is known: name the failing large bound and the absent numbers.
                if let Some(b) = self.first_failing(large) {
                    self.bound(f, b)?;
                    f.write_str(self.t("（未达大型标准）", " (below large)"))?;
                }
                let p = self.c.profile();
                let absent = [Indicator::Employees, Indicator::Revenue, Indicator::Assets]
                    .into_iter()
                    .filter(|&ind| {
                        let used = [medium, small]
                            .iter()
                            .any(|bs| bs.iter().any(|b| b.indicator() == ind));
                        used && enterprise::value(p, ind).is_none()
                    });
                f.write_str(self.t("；未填", "; "))?;
                for (k, ind) in absent.enumerate() {
                    if k > 0 {
                        f.write_str(self.t("、", " and "))?;
                    }
                    f.write_str(match ind {
                        Indicator::Employees => self.t("从业人员", "employees"),
                        Indicator::Revenue => self.t("营业收入", "revenue"),
                        Indicator::Assets => self.t("资产总额", "assets"),
                    })?;
                }
                f.write_str(self.t(
                    "，具体规模待定：非大型",
                    " not given, so the exact size is open: not large",
                ))
            }
        }
    }

    pub(super) fn above_stated(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let yes = self.c.above_designated_size() == Some(true);
        write!(
            f,
            "{}{}",
            self.t("规模以上（填报）：", "above designated size stated: "),
            match (yes, self.zh) {
                (true, true) => "是",
                (false, true) => "否",
                (true, false) => "yes",
                (false, false) => "no",
            }
        )
    }

    pub(super) fn above_derived(&self, f: &mut impl fmt::Write) -> fmt::Result {
        let Some(industry) = self.c.industry() else {
            return Ok(());
        };
        let verdict = if self.c.above_designated_size() == Some(true) {
            self.t("规模以上", "above designated size")
        } else {
            self.t("非规模以上", "not above designated size")
        };
        match self.c.policy().above_rule(industry) {
            AboveSizeRule::Revenue(min) => {
                let revenue = self.c.profile().revenue_wan().unwrap_or(Wan::ZERO);
                let op = if revenue >= min { " ≥ " } else { " < " };
                f.write_str(self.t("“", ""))?;
                f.write_str(self.l(industry))?;
                f.write_str(self.t("”企业营业收入", " enterprise with revenue "))?;
                write_wan(f, revenue)?;
                f.write_str(self.t("万元", " 万元"))?;
                f.write_str(op)?;
                write_wan(f, min)?;
                f.write_str(self.t("万元", " 万元"))?;
                f.write_str(self.t("（规模以上标准）：", " (above-size threshold): "))?;
                f.write_str(verdict)
            }
            // Derived only where the rule derives it, so "must be stated" never reaches here.
            AboveSizeRule::MustBeStated => Ok(()),
            AboveSizeRule::Always => write!(
                f,
                "{}{}{}{verdict}",
                self.t("“", ""),
                self.l(industry),
                self.t(
                    "”企业均纳入规模以上统计：",
                    " enterprises always count as above designated size: "
                ),
            ),
        }
    }

    pub(super) fn tier(&self, f: &mut impl fmt::Write, tier: Option<Tier>) -> fmt::Result {
        let facts = self.facts();
        let Some(stream) = self.c.stream() else {
            return Ok(());
        };
        let ladder = self.c.policy().ladder(stream);
        match tier.and_then(|t| ladder.iter().find(|c| c.tier == t)) {
            Some(t) => {
                // The alternative that holds (the first, when several do).
                if let Some(w) = t.when.iter().find(|w| w.mask.eval(&facts) == Some(true)) {
                    self.clauses(f, &w.mask, &facts, true)?;
                }
                write!(f, "{}{}", self.t("：", ": "), self.l(t.tier))?;
            }
            None => f.write_str(self.t("无层次", "no tier"))?,
        }
        // Every higher tier (every tier, when none is reached), and what it needs.
        for (k, t) in ladder
            .iter()
            .take_while(|t| Some(t.tier) != tier)
            .enumerate()
        {
            f.write_str(match (k, tier.is_some()) {
                (0, false) => self.t("：", ": "),
                _ => self.t("；", "; "),
            })?;
            write!(f, "{}{}", self.l(t.tier), self.t("需", " needs "))?;
            // The alternative closest to holding: an open one before one that is false (what is missing is
            // then what the sentence names), then the first of those lacking fewest clauses.
            let closest = t
                .when
                .iter()
                .min_by_key(|w| (w.mask.eval(&facts) == Some(false), lacking(w, &facts)));
            if let Some(w) = closest {
                self.clauses(f, &w.mask, &facts, false)?;
            }
        }
        Ok(())
    }

    pub(super) fn entitlement(&self, f: &mut impl fmt::Write, e: Entitlement) -> fmt::Result {
        let facts = self.facts();
        if let Some(when) = self
            .c
            .policy()
            .compiled()
            .entitlement_conditions(e)
            .find(|when| when.mask.eval(&facts) == Some(true))
        {
            self.clauses(f, &when.mask, &facts, true)?;
        }
        write!(f, "{}{}", self.t("：", ": "), self.l(e))
    }

    pub(super) fn service(&self, f: &mut impl fmt::Write, s: Service) -> fmt::Result {
        let level = self
            .c
            .profile()
            .introduction_level()
            .map_or("", |l: IntroductionLevel| self.l(l));
        write!(
            f,
            "{}{level}{}{}",
            self.t("百千万引才工程", "百千万 introduction project, "),
            self.t("人才：", ": "),
            self.l(s)
        )
    }
}

/// How many clauses of a condition the facts do not meet (to choose the alternative closest to holding).
fn lacking(c: &Cond, facts: &Facts) -> usize {
    c.mask
        .clauses()
        .filter(|&(fact, allowed)| facts.get(fact) & !allowed != 0)
        .count()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::money::Wan;

    fn whole(n: u64) -> String {
        let mut s = String::new();
        super::write_whole(&mut s, n).unwrap_or_default();
        s
    }

    fn wan(w: Wan) -> String {
        let mut s = String::new();
        super::write_wan(&mut s, w).unwrap_or_default();
        s
    }

    proptest! {
        /// The numbers in sentences read as `Display` writes them.
        #[test]
        fn numbers_are_written_as_display_writes_them(n in any::<u64>(), yuan in 0u64..=100_000_000_000_000) {
            prop_assert_eq!(whole(n), n.to_string());
            let w = Wan::from_yuan(yuan);
            prop_assert_eq!(wan(w), w.to_string());
        }
    }

    #[test]
    fn edge_numbers_are_written_as_display_writes_them() {
        for n in [0, 9, 10, 99, 100, u64::MAX] {
            assert_eq!(whole(n), n.to_string());
        }
        for yuan in [
            0,
            1,
            10,
            1000,
            5000,
            10_000,
            12_345,
            3_376_000,
            100_000_000_000_000,
        ] {
            let w = Wan::from_yuan(yuan);
            assert_eq!(wan(w), w.to_string(), "{yuan}");
        }
    }
}
