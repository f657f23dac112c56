//! A deterministic generator of realistic synthetic rosters, shared by the `gen_roster` example, the tests and
//! the benchmarks (which include this file by path). No dependencies: a SplitMix64 generator drives it.
#![allow(clippy::expect_used)] // test tooling: an empty weight table is a bug in this file
#![allow(dead_code)] // shared by the example, tests and benches, each using a part

use std::fmt::Write as _;

/// SplitMix64: small, fast, and good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items` (which must not be empty), by weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut x = (self.next_u64() % u64::from(total.max(1))) as u32;
        let mut chosen = None;
        for &(item, w) in items {
            chosen = Some(item);
            if x < w {
                break;
            }
            x -= w;
        }
        chosen.expect("weighted() needs at least one item")
    }

    /// One of `items` (which must not be empty), uniformly.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = (self.next_u64() % items.len().max(1) as u64) as usize;
        *items.get(i).expect("pick() needs at least one item")
    }

    /// A number spread evenly on a log scale between `lo` and `hi`.
    pub fn log_uniform(&mut self, lo: f64, hi: f64) -> f64 {
        (lo.ln() + (hi.ln() - lo.ln()) * self.unit()).exp()
    }
}

/// A value of one field of a generated record.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(String),
    Bool(bool),
}

/// The field codes in the order of DOMAIN.md §3, which is the generator's CSV column order.
pub const FIELDS: [&str; 19] = [
    "id",
    "name",
    "post",
    "role",
    "industry",
    "employees",
    "revenue_wan",
    "assets_wan",
    "enterprise_size",
    "above_designated_size",
    "ownership",
    "performance",
    "contribution",
    "potential",
    "professional_title",
    "skill_level",
    "social_work_certificate",
    "rural_role",
    "introduction_level",
];

/// The DOMAIN.md §8 Chinese column names, in the order of [`FIELDS`].
pub const ZH_HEADERS: [&str; 19] = [
    "编号",
    "姓名",
    "岗位",
    "职务",
    "行业",
    "从业人员",
    "营业收入(万元)",
    "资产总额(万元)",
    "企业规模",
    "规模以上",
    "所有制",
    "业绩",
    "贡献",
    "发展潜力",
    "职称",
    "职业资格",
    "社工证书",
    "农村人才类型",
    "引才层次",
];

/// One generated person: a value per field of [`FIELDS`], `None` where absent.
pub type Record = [Option<Value>; 19];

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "建国", "志强", "海燕", "晓东", "春梅",
];

/// A stream of synthetic people with a realistic mix of posts, roles, industries and gaps.
pub struct Generator {
    rng: Rng,
    seed: u64,
    next: u64,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            seed,
            next: 0,
        }
    }

    fn text(s: &str) -> Option<Value> {
        Some(Value::Text(s.to_owned()))
    }

    /// A number of 万元 with up to 4 decimals, or a head count.
    fn number(x: f64, decimals: usize) -> Option<Value> {
        let s = format!("{x:.decimals$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        };
        Some(Value::Number(s))
    }

    pub fn record(&mut self) -> Record {
        let r = &mut self.rng;
        let mut rec: Record = Default::default();
        self.next += 1;
        rec[0] = Self::text(&format!("G{}-{:07}", self.seed, self.next));
        let name = format!("{}{}", r.pick(SURNAMES), r.pick(GIVEN));
        rec[1] = Self::text(&name);
        let post = r.weighted(&[
            ("enterprise", 34),
            ("professional_technical", 20),
            ("skilled_trade", 12),
            ("party_government", 8),
            ("rural", 10),
            ("community", 6),
            ("social_work", 3),
            ("other", 7),
        ]);
        rec[2] = Self::text(post);
        let mut owner = false;
        if post == "enterprise" {
            if r.chance(0.97) {
                let role = r.weighted(&[
                    ("staff", 35),
                    ("middle_manager", 30),
                    ("senior_manager", 15),
                    ("principal", 10),
                    ("owner", 10),
                ]);
                owner = role == "owner";
                rec[3] = Self::text(role);
            }
            if r.chance(0.9) {
                let industry = r.weighted(&[
                    ("industry", 20),
                    ("wholesale", 10),
                    ("retail", 12),
                    ("software_it", 10),
                    ("finance", 6),
                    ("leasing_business_services", 6),
                    ("construction", 6),
                    ("real_estate_development", 4),
                    ("catering", 5),
                    ("accommodation", 3),
                    ("transport", 4),
                    ("warehousing", 2),
                    ("postal", 1),
                    ("information_transmission", 3),
                    ("property_management", 4),
                    ("agriculture", 2),
                    ("other", 2),
                ]);
                rec[4] = Self::text(industry);
            }
            let employees = r.log_uniform(3.0, 5000.0);
            let revenue = employees * r.log_uniform(5.0, 80.0);
            let assets = revenue * r.log_uniform(0.5, 3.0);
            if r.chance(0.9) {
                rec[5] = Self::number(employees.floor(), 0);
            }
            if r.chance(0.9) {
                rec[6] = Self::number(revenue, if r.chance(0.3) { 4 } else { 0 });
            }
            if r.chance(0.7) {
                rec[7] = Self::number(assets, 1);
            }
            if r.chance(0.1) {
                rec[8] = Self::text(r.weighted(&[
                    ("micro", 3),
                    ("small", 4),
                    ("medium", 2),
                    ("large", 1),
                ]));
            }
            if r.chance(0.15) {
                rec[9] = Some(Value::Bool(r.chance(0.5)));
            }
            let ownership = if owner {
                r.weighted(&[
                    ("private", 70),
                    ("individual", 20),
                    ("foreign", 5),
                    ("mixed", 5),
                ])
            } else {
                r.weighted(&[
                    ("private", 50),
                    ("state_owned", 18),
                    ("mixed", 12),
                    ("foreign", 8),
                    ("collective", 6),
                    ("individual", 6),
                ])
            };
            if r.chance(0.95) {
                rec[10] = Self::text(ownership);
            }
            rec[11] =
                Self::text(r.weighted(&[("ordinary", 60), ("good", 30), ("outstanding", 10)]));
            rec[12] = Self::text(r.weighted(&[("ordinary", 70), ("notable", 20), ("major", 10)]));
            rec[13] = Some(Value::Bool(r.chance(if owner { 0.4 } else { 0.15 })));
        }
        let title_rate = if post == "professional_technical" {
            0.85
        } else {
            0.08
        };
        if r.chance(title_rate) {
            rec[14] = Self::text(r.weighted(&[
                ("junior", 30),
                ("intermediate", 40),
                ("associate_senior", 20),
                ("senior", 10),
            ]));
        }
        if post == "skilled_trade" && r.chance(0.95) || post != "skilled_trade" && r.chance(0.03) {
            rec[15] = Self::text(r.weighted(&[
                ("junior_worker", 15),
                ("intermediate_worker", 30),
                ("senior_worker", 30),
                ("technician", 17),
                ("senior_technician", 8),
            ]));
        }
        let certificate_rate = if post == "community" || post == "social_work" {
            0.4
        } else {
            0.01
        };
        if r.chance(certificate_rate) {
            rec[16] = Self::text(r.weighted(&[
                ("assistant_social_worker", 60),
                ("social_worker", 35),
                ("senior_social_worker", 5),
            ]));
        }
        if post == "rural" && r.chance(0.85) {
            rec[17] = Self::text(r.weighted(&[
                ("production", 35),
                ("business", 25),
                ("craft", 15),
                ("skilled_service", 15),
                ("social_service", 10),
            ]));
        }
        if r.chance(0.02) {
            rec[18] =
                Self::text(r.weighted(&[("hundred", 10), ("thousand", 30), ("ten_thousand", 60)]));
        }
        rec
    }
}

/// A record as one line of JSON (without the newline), absent fields left out.
pub fn to_json_line(rec: &Record) -> String {
    let mut out = String::from("{");
    for (key, value) in FIELDS.iter().zip(rec) {
        let Some(value) = value else { continue };
        if out.len() > 1 {
            out.push(',');
        }
        let _ = write!(out, "\"{key}\":");
        match value {
            Value::Text(s) => {
                let _ = write!(out, "\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
            }
            Value::Number(n) => out.push_str(n),
            Value::Bool(b) => {
                let _ = write!(out, "{b}");
            }
        }
    }
    out.push('}');
    out
}

/// A record as one CSV line (without the newline), in the column order of [`FIELDS`].
pub fn to_csv_line(rec: &Record) -> String {
    rec.iter()
        .map(|v| match v {
            None => String::new(),
            Some(Value::Text(s)) | Some(Value::Number(s)) => {
                if s.contains([',', '"', '\n']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.clone()
                }
            }
            Some(Value::Bool(b)) => if *b { "是" } else { "否" }.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `n` synthetic people as profiles, read back through the JSON reader (every generated record is valid).
pub fn profiles(n: usize, seed: u64) -> Vec<talent_matrix::Profile> {
    let mut g = Generator::new(seed);
    (0..n)
        .map(|_| {
            talent_matrix::Profile::from_json(&to_json_line(&g.record()))
                .expect("generated records are valid")
        })
        .collect()
}
