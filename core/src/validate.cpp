#include "validate.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "utf8.h"

namespace certcalc {
namespace {

FieldSpec text_field(const char* name, std::size_t max) {
  FieldSpec f;
  f.name = name;
  f.type = FieldSpec::Type::String;
  f.max_length = max;
  return f;
}

FieldSpec integer_field(const char* name, std::int64_t min, std::int64_t max) {
  FieldSpec f;
  f.name = name;
  f.type = FieldSpec::Type::Integer;
  f.min = Exact(min);
  f.max = Exact(max);
  return f;
}

// Texts are checked by the form, so a long text is an issue rather than a request error; the
// byte limits here only keep a single request bounded.
constexpr std::size_t kTextMax = 1000000;
constexpr std::size_t kHolidaysMax = 1000;

std::vector<FieldSpec> make_validate_fields() {
  FieldSpec audit;
  audit.name = "audit";
  audit.type = FieldSpec::Type::Object;
  audit.fields = {text_field("firstDay", 100), text_field("lastDay", 100), text_field("type", 100)};

  FieldSpec today;
  today.name = "today";
  today.type = FieldSpec::Type::Date;

  FieldSpec stage;
  stage.name = "stage";
  stage.type = FieldSpec::Type::Enum;
  stage.values = {"cm", "oe"};

  FieldSpec item;
  item.type = FieldSpec::Type::Object;
  item.fields = {text_field("name", 1000), text_field("mediaType", 200),
                 integer_field("bytes", 0, 1000000000000)};
  FieldSpec evidence;
  evidence.name = "evidence";
  evidence.type = FieldSpec::Type::List;
  evidence.max_items = 1000;
  evidence.items = std::make_shared<FieldSpec>(item);

  FieldSpec finding;
  finding.type = FieldSpec::Type::Object;
  finding.fields = {text_field("id", 200),
                    text_field("clause", 1000),
                    text_field("grade", 100),
                    text_field("statement", kTextMax),
                    text_field("correction", kTextMax),
                    text_field("rootCause", kTextMax),
                    text_field("correctiveAction", kTextMax),
                    text_field("temporaryMeasures", kTextMax),
                    text_field("plannedCompletion", 100),
                    text_field("responsible", 10000),
                    text_field("state", 100),
                    evidence};
  FieldSpec findings;
  findings.name = "findings";
  findings.type = FieldSpec::Type::List;
  findings.required = true;
  findings.max_items = 20000;
  findings.items = std::make_shared<FieldSpec>(finding);

  // Non-working days the working-day deadlines skip: a few years of public holidays and
  // closures fit well under the limit.
  FieldSpec day;
  day.type = FieldSpec::Type::Date;
  FieldSpec holidays;
  holidays.name = "holidays";
  holidays.type = FieldSpec::Type::List;
  holidays.max_items = kHolidaysMax;
  holidays.items = std::make_shared<FieldSpec>(day);

  return {audit, today, stage, findings, integer_field("evidenceMaxBytes", 1, 1000000000000),
          holidays};
}

// --- text helpers ---------------------------------------------------------------------------

// Decodes one UTF-8 code point at s[i] (advancing i); invalid bytes decode as themselves.
std::uint32_t next_code_point(const std::string& s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  std::uint32_t cp = c & (0x3F >> extra);
  for (int k = 0; k < extra && i < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  return cp;
}

bool is_word_char(std::uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         cp == '\'' || cp == 0x2019 || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
}

std::uint32_t fold(std::uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;  // Latin-1 capitals
  if (cp == 0x2019) return '\'';
  return cp;
}

// Lower case, words separated by single spaces, punctuation dropped: "Human  error!" -> "human error".
// Written in place: the result is never longer than the text (folding keeps or shortens a code
// point, one space stands for at least one dropped byte).
std::string normalize(const std::string& s) {
  std::string out(s.size(), '\0');
  char* w = &out[0];
  char* const start = w;
  bool space = false;
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // ASCII: most of every text
      ++i;
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '\'') {
        if (space && w != start) *w++ = ' ';
        space = false;
        *w++ = static_cast<char>(c);
      } else {
        space = true;
      }
      continue;
    }
    std::uint32_t cp = fold(next_code_point(s, i));
    if (is_word_char(cp)) {
      if (space && w != start) *w++ = ' ';
      space = false;
      std::string bytes;
      append_utf8(cp, bytes);
      for (char b : bytes) *w++ = b;
    } else {
      space = true;
    }
  }
  out.resize(static_cast<std::size_t>(w - start));
  return out;
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::int64_t char_count(const std::string& s) {
  // Trimmed length in code points.
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  std::int64_t n = 0;
  for (std::size_t i = b; i < e; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

std::int64_t word_count(const std::string& normalized) {
  if (normalized.empty()) return 0;
  return 1 + std::count(normalized.begin(), normalized.end(), ' ');
}

// Whether `needle` occurs in `hay`, in time linear in both (Knuth-Morris-Pratt):
// std::string::find may take |hay| x |needle| steps, minutes for two 1 MB texts such as
// "aaa...a" and "aaa...ab" sent by a hostile request.
bool contains_text(const std::string& hay, const std::string& needle) {
  if (needle.empty()) return true;
  std::vector<std::size_t> border(needle.size(), 0);
  for (std::size_t i = 1, k = 0; i < needle.size(); ++i) {
    while (k > 0 && needle[i] != needle[k]) k = border[k - 1];
    if (needle[i] == needle[k]) ++k;
    border[i] = k;
  }
  for (std::size_t i = 0, k = 0; i < hay.size(); ++i) {
    while (k > 0 && hay[i] != needle[k]) k = border[k - 1];
    if (hay[i] == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

enum class Copy { None, Same, Near };

// The same text once case, spacing and punctuation are ignored, or a near-copy of the other
// (contained and at least 80% of its length).
Copy copies(const std::string& a, const std::string& b) {
  std::string na = normalize(a), nb = normalize(b);
  if (na.empty() || nb.empty()) return Copy::None;
  if (na == nb) return Copy::Same;
  const std::string& shorter = na.size() < nb.size() ? na : nb;
  const std::string& longer = na.size() < nb.size() ? nb : na;
  return shorter.size() >= 20 && shorter.size() * 5 >= longer.size() * 4 &&
                 contains_text(longer, shorter)
             ? Copy::Near
             : Copy::None;
}

// A phrase as has_phrase looks for it: normalized, between spaces.
std::string phrase_needle(const std::string& phrase) { return " " + normalize(phrase) + " "; }

// Contains a phrase (a phrase_needle) as whole words; `spaced` is a normalized text between
// spaces, so that its first and last words match too.
bool has_phrase(const std::string& spaced, const std::string& needle) {
  return spaced.find(needle) != std::string::npos;
}

const std::string& text_of(const Value& finding, std::string_view field) {
  static const std::string kEmpty;
  const Value* v = finding.find(field);
  return v && v->is_string() ? v->as_string() : kEmpty;
}

std::optional<Date> date_of(const std::string& s) {
  if (blank(s)) return std::nullopt;
  return Date::parse(s);
}

bool contains(const std::vector<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// --- the driver -----------------------------------------------------------------------------

class Validator {
 public:
  Validator(const Value& inputs, EvalEnv& env)
      : inputs_(inputs), env_(env), form_(*env.pack.form) {
    if (const Value* s = inputs.find("stage"); s && s->is_string()) stage_ = s->as_string();
    stage_name_ = stage_.empty() ? "full" : stage_;
    if (const Value* a = inputs.find("audit"); a && a->is_object()) audit_ = *a;
    first_day_ = date_of(text_of(audit_, "firstDay"));
    last_day_ = date_of(text_of(audit_, "lastDay"));
    if (const Value* h = inputs.find("holidays"); h && h->is_list()) holidays_ = *h;
    audit_type_ = text_of(audit_, "type");
    if (const Value* t = inputs.find("today"); t && t->is_date())
      today_ = t->as_date();
    else if (env.today.is_date())
      today_ = env.today.as_date();
    if (const Value* m = inputs.find("evidenceMaxBytes"); m && m->is_number())
      max_bytes_ = m->as_number().num();
  }

  bool run(Value& out) {
    const List& findings = inputs_.find("findings")->as_list();
    List top_issues;
    audit_issues(top_issues);
    std::map<std::string, int> id_count;
    for (const Value& f : findings) ++id_count[text_of(f, "id")];

    List results;
    List ready_ids;
    List submit_ids;
    bool all_ready = true;
    std::set<std::string> reported_duplicates;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const Value& f = findings[i];
      const std::string& id = text_of(f, "id");
      List issues;
      if (!blank(id) && id_count[id] > 1) {
        issue(issues, "id", "error", "duplicate_id", "validate_duplicate_id", form_.rule, {{"id", id}});
        if (reported_duplicates.insert(id).second)
          issue(top_issues, "findings/" + std::to_string(i) + "/id", "error", "duplicate_id",
                "validate_duplicate_id", form_.rule, {{"id", id}});
      }
      List deadlines;
      Value send_by;
      if (!finding(f, issues, deadlines, send_by)) return false;
      bool ready = std::none_of(issues.begin(), issues.end(), [](const Value& is) {
        return is.find("severity")->as_string() == "error";
      });
      all_ready = all_ready && ready;
      std::string state = state_of(f);
      if (!contains(form_.workflow.states, state)) {
        issue(issues, "state", "error", "unknown_state", "validate_unknown_state", form_.workflow.rule,
              {{"state", state}});
        ready = false;
        all_ready = false;
      }
      List actions;
      bool can_submit = false;
      for (const auto& t : form_.workflow.transitions) {
        if (!t.customer || !contains(t.from, state) || (t.requires_ready && !ready)) continue;
        if (!t.stages.empty() && !contains(t.stages, stage_name())) continue;
        actions.push_back(Value::object({{"action", Value::string(t.action)}, {"to", Value::string(t.to)}}));
        can_submit = can_submit || t.action == "submit";
      }
      if (ready) ready_ids.push_back(Value::string(id));
      if (can_submit) submit_ids.push_back(Value::string(id));
      ObjectBuilder r;
      r.set("id", Value::string(id))
          .set("ready", Value::boolean(ready))
          .set("state", Value::string(state))
          .set("actions", Value::list(std::move(actions)))
          .set("issues", Value::list(std::move(issues)))
          .set("deadlines", Value::list(std::move(deadlines)))
          .set("sendBy", std::move(send_by));
      results.push_back(r.build());
    }
    if (findings.empty())
      issue(top_issues, "findings", "warning", "no_findings", "validate_no_findings", form_.rule, {});
    if (!submission_issues(findings, top_issues)) return false;
    bool top_errors = std::any_of(top_issues.begin(), top_issues.end(), [](const Value& is) {
      return is.find("severity")->as_string() == "error";
    });
    ObjectBuilder b;
    b.set("valid", Value::boolean(all_ready && !top_errors))
        .set("ready", Value::list(std::move(ready_ids)))
        .set("findings", Value::list(std::move(results)))
        .set("issues", Value::list(std::move(top_issues)));
    bool allowed = !submit_ids.empty();
    b.set("submit", Value::object({{"allowed", Value::boolean(allowed)},
                                   {"findings", Value::list(std::move(submit_ids))}}));
    out = b.build();
    return true;
  }

 private:
  const std::string& stage_name() const { return stage_name_; }

  std::string state_of(const Value& f) const {
    const std::string& s = text_of(f, "state");
    if (!blank(s)) return s;
    auto it = form_.workflow.initial.find(stage_name());
    return it == form_.workflow.initial.end() ? std::string() : it->second;
  }

  void issue(List& into, const std::string& field, const char* severity, const std::string& code,
             const std::string& message, const std::string& rule, Params params) {
    params.emplace_back("field", field);
    // {label}: the field's name in the request's locale ("root cause", "grondoorzaak").
    params.emplace_back("label", label(field.substr(0, field.find('/'))));
    Members m;
    m.reserve(5);
    m.emplace_back("field", Value::string(field));
    m.emplace_back("severity", Value::string(severity));
    m.emplace_back("code", Value::string(code));
    m.emplace_back("message", Value::string(env_.catalogs.render(env_.locale, message, params,
                                                                 &env_.pack.messages)));
    m.emplace_back("rule", Value::string(rule));
    into.push_back(Value::object(std::move(m)));
  }

  // A deadline kind's label in the request's locale, where the catalogs have one; once per request.
  const std::string& deadline_label(const std::string& kind) {
    auto it = deadline_labels_.find(kind);
    if (it != deadline_labels_.end()) return it->second;
    std::string id = "deadline_" + kind;
    return deadline_labels_[kind] = env_.catalogs.has("en", id) || env_.pack.messages.find(id)
                                        ? env_.catalogs.render(env_.locale, id, {}, &env_.pack.messages)
                                        : kind;
  }

  // "audit.firstDay" -> "audit_firstDay": a label id for a dotted field name.
  static std::string label_key(std::string name) {
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
  }

  // A field's label in the request's locale, looked up once per request.
  const std::string& label(const std::string& base) {
    auto it = labels_.find(base);
    if (it != labels_.end()) return it->second;
    std::string label_id = "label_" + base;
    return labels_[base] = env_.catalogs.has("en", label_id)
                               ? env_.catalogs.render(env_.locale, label_id, {})
                               : base;
  }

  void audit_issues(List& top) {
    const std::string& last = text_of(audit_, "lastDay");
    if (blank(last))
      issue(top, "audit/lastDay", "error", "required", "validate_audit_last_day_required", form_.rule, {});
    else if (!last_day_)
      issue(top, "audit/lastDay", "error", "invalid_date", "validate_audit_last_day_invalid",
            form_.rule, {{"value", last.substr(0, 40)}});
    const std::string& first = text_of(audit_, "firstDay");
    if (!blank(first) && !first_day_)
      issue(top, "audit/firstDay", "error", "invalid_date", "validate_audit_first_day_invalid",
            form_.rule, {{"value", first.substr(0, 40)}});
    else if (first_day_ && last_day_ && *last_day_ < *first_day_)
      issue(top, "audit/firstDay", "error", "after_last_day", "validate_audit_first_after_last",
            form_.rule, {{"date", first_day_->to_string()}, {"other", last_day_->to_string()}});
  }

  bool applies(const FormCheck& c, const std::string& grade) {
    if (!c.grades.empty() && !contains(c.grades, grade)) return false;
    if (!c.stages.empty() && !contains(c.stages, stage_name())) return false;
    if (!c.audit_types.empty() && !contains(c.audit_types, audit_type_)) return false;
    return true;
  }

  Value context(const Value& f) const {
    return Value::object({{"finding", f},
                          {"audit", audit_},
                          {"stage", Value::string(stage_name())},
                          {"today", today_ ? Value::date(*today_) : Value()}});
  }

  bool expr_true(const Expr& e, const Value& ctx, bool& t) {
    Value v;
    if (!eval_expr(e, ctx, env_, v)) return false;
    t = v.is_bool() && v.as_bool();
    return true;
  }

  const std::string& other_text(const Value& f, const std::string& other) const {
    if (other == "audit.lastDay") return text_of(audit_, "lastDay");
    if (other == "audit.firstDay") return text_of(audit_, "firstDay");
    return text_of(f, other);
  }

  // The first of `others` that holds a date, with its name.
  std::optional<Date> first_date(const Value& f, const std::vector<std::string>& others,
                                 const std::string*& which) const {
    for (const std::string& o : others)
      if (auto d = date_of(other_text(f, o))) {
        which = &o;
        return d;
      }
    return std::nullopt;
  }

  // Whether a DateNotBefore check that applies to this finding catches `d`: a date before the
  // audit, which proves nothing about any deadline.
  bool backdated(const FormCheck& c, const Value& f, const std::string& grade, const Date& d) {
    for (std::size_t k : c.not_before) {
      const FormCheck& nb = form_.checks[k];
      if (!applies(nb, grade)) continue;
      const std::string* which = nullptr;
      auto o = first_date(f, nb.others, which);
      if (o && d < *o) return true;
    }
    return false;
  }

  // A deadline's date: its due date, or the end of its window.
  static std::optional<Date> end_of(const Value& d) {
    for (const char* key : {"dueDate", "to"}) {
      if (const Value* v = d.find(key)) {
        if (v->is_date()) return v->as_date();
        if (v->is_string())
          if (auto date = Date::parse(v->as_string())) return date;
      }
    }
    return std::nullopt;
  }

  static bool is_kind(const Value& d, const std::string& kind) {
    const Value* k = d.find("kind");
    return k && k->is_string() && k->as_string() == kind;
  }

  std::optional<Date> deadline_date(const List& deadlines, const std::string& kind) const {
    for (const Value& d : deadlines)
      if (is_kind(d, kind))
        if (auto date = end_of(d)) return date;
    return std::nullopt;
  }

  bool finding(const Value& f, List& issues, List& deadlines, Value& send_by) {
    const std::string& grade = text_of(f, "grade");
    bool grade_known = contains(form_.grades, grade);
    if (grade_known && last_day_ && env_.pack.programs.count("findingDeadlines")) {
      if (!finding_deadlines(f, issues, deadlines)) return false;
      send_by = send_by_of(deadlines);
    }
    Value ctx;
    bool have_ctx = false;
    for (const FormCheck& c : form_.checks) {
      if (!applies(c, grade)) continue;
      if (c.has_when || c.kind == FormCheck::Kind::Expr) {
        if (!have_ctx) {
          ctx = context(f);
          have_ctx = true;
        }
        bool t = false;
        if (c.has_when && (!expr_true(c.when, ctx, t) || !t)) {
          if (env_.failure) return false;
          continue;
        }
      }
      const char* severity = c.warning ? "warning" : "error";
      Params params;
      auto raise = [&](const std::string& field) {
        issue(issues, field, severity, c.code, c.message, c.rule, params);
      };
      const std::string& text = text_of(f, c.field);
      switch (c.kind) {
        case FormCheck::Kind::Required: {
          const Value* v = f.find(c.field);
          bool empty = !v || v->is_null() || (v->is_string() && blank(v->as_string())) ||
                       (v->is_list() && v->as_list().empty());
          if (empty) raise(c.field);
          break;
        }
        case FormCheck::Kind::MinLength:
          if (!blank(text) && char_count(text) < c.number) {
            params = {{"min", std::to_string(c.number)}};
            raise(c.field);
          }
          break;
        case FormCheck::Kind::MaxLength:
          if (char_count(text) > c.number) {
            params = {{"max", std::to_string(c.number)}};
            raise(c.field);
          }
          break;
        case FormCheck::Kind::DiffersFrom: {
          Copy copy = copies(text, other_text(f, c.other));
          if (copy != Copy::None &&
              (c.match == FormCheck::Match::Any ||
               (c.match == FormCheck::Match::Same) == (copy == Copy::Same)))
            raise(c.field);
          break;
        }
        case FormCheck::Kind::BlameOnly: {
          std::string n = normalize(text);
          if (n.empty() || (c.number > 0 && word_count(n) > c.number)) break;
          const std::vector<std::string>& needles = phrase_needles(c);
          const std::string spaced = " " + n + " ";
          if (std::any_of(needles.begin(), needles.end(),
                          [&](const std::string& p) { return has_phrase(spaced, p); }))
            raise(c.field);
          break;
        }
        case FormCheck::Kind::IsDate:
          if (!blank(text) && !Date::parse(text)) {
            params = {{"value", text.substr(0, 40)}};
            raise(c.field);
          }
          break;
        case FormCheck::Kind::DateNotBefore: {
          auto d = date_of(text);
          const std::string* which = nullptr;
          auto o = first_date(f, c.others, which);
          if (d && o && *d < *o) {
            params = {{"date", d->to_string()}, {"other", o->to_string()},
                      {"otherLabel", label(label_key(*which))}};
            raise(c.field);
          }
          break;
        }
        case FormCheck::Kind::DateWithinDeadline: {
          auto d = date_of(text);
          auto due = deadline_date(deadlines, c.deadline);
          if (!d || !due || (!c.unless_filled.empty() && !blank(text_of(f, c.unless_filled))))
            break;
          params = {{"date", d->to_string()}, {"deadline", due->to_string()}};
          if (*d > *due) {
            raise(c.field);
          } else if (backdated(c, f, grade, *d)) {
            // A date before the audit never spares a finding what a real date could bring.
            issue(issues, c.field, severity, c.code,
                  c.backdated_message.empty() ? "form_deadline_backdated" : c.backdated_message,
                  c.rule, params);
          }
          break;
        }
        case FormCheck::Kind::OneOf:
          if (!blank(text) && !contains(c.values, text)) {
            std::string list;
            for (const auto& v : c.values) list += (list.empty() ? "" : ", ") + v;
            params = {{"value", text.substr(0, 40)}, {"values", list}};
            raise(c.field);
          }
          break;
        case FormCheck::Kind::Clause:
          if (!blank(text) && !env_.pack.clauses.read(text)) {
            params = {{"value", text.substr(0, 80)}};
            raise(c.field);
          }
          break;
        case FormCheck::Kind::ItemNamed:
        case FormCheck::Kind::ItemMediaType:
        case FormCheck::Kind::ItemExtension:
        case FormCheck::Kind::ItemMaxBytes:
        case FormCheck::Kind::UniqueNames:
          item_check(c, f, issues);
          break;
        case FormCheck::Kind::Expr: {
          bool t = false;
          if (!expr_true(c.fails, ctx, t)) return false;
          if (t) raise(c.field);
          break;
        }
      }
    }
    return true;
  }

  // The check's phrases normalized once per request, not once per finding.
  const std::vector<std::string>& phrase_needles(const FormCheck& c) {
    auto it = needles_.find(&c);
    if (it != needles_.end()) return it->second;
    std::vector<std::string>& out = needles_[&c];
    for (const auto& p : c.values) out.push_back(phrase_needle(p));
    return out;
  }

  void item_check(const FormCheck& c, const Value& f, List& issues) {
    const Value* list = f.find(c.field);
    if (!list || !list->is_list()) return;
    const char* severity = c.warning ? "warning" : "error";
    std::set<std::string> seen;
    const List& items = list->as_list();
    for (std::size_t i = 0; i < items.size(); ++i) {
      auto base = [&] { return c.field + "/" + std::to_string(i); };
      const std::string& name = text_of(items[i], "name");
      switch (c.kind) {
        case FormCheck::Kind::ItemNamed:
          if (blank(name)) issue(issues, base() + "/name", severity, c.code, c.message, c.rule, {});
          break;
        case FormCheck::Kind::ItemMediaType: {
          std::string type = normalize_media_type(text_of(items[i], "mediaType"));
          if (!contains(c.values, type))
            issue(issues, base() + "/mediaType", severity, c.code, c.message, c.rule,
                  {{"value", text_of(items[i], "mediaType").substr(0, 80)}, {"name", name.substr(0, 200)}});
          break;
        }
        case FormCheck::Kind::ItemExtension: {
          std::string ext;
          std::size_t dot = name.rfind('.');
          if (dot != std::string::npos) ext = normalize(name.substr(dot + 1));
          if (!blank(name) && !contains(c.values, ext))
            issue(issues, base() + "/name", severity, c.code, c.message, c.rule,
                  {{"name", name.substr(0, 200)}, {"value", ext.substr(0, 20)}});
          break;
        }
        case FormCheck::Kind::ItemMaxBytes: {
          std::int64_t limit = max_bytes_ > 0 ? max_bytes_ : c.number;
          const Value* bytes = items[i].find("bytes");
          if (limit > 0 && bytes && bytes->is_number() && bytes->as_number() > Exact(limit))
            issue(issues, base() + "/bytes", severity, c.code, c.message, c.rule,
                  {{"name", name.substr(0, 200)}, {"max", std::to_string(limit)},
                   {"value", bytes->as_number().to_decimal(0)}});
          break;
        }
        case FormCheck::Kind::UniqueNames:
          if (!blank(name) && !seen.insert(normalize(name)).second)
            issue(issues, base() + "/name", severity, c.code, c.message, c.rule, {{"name", name.substr(0, 200)}});
          break;
        default: break;
      }
    }
  }

  static std::string normalize_media_type(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == ';') break;
      if (c == ' ' || c == '\t') continue;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return out;
  }

  bool finding_deadlines(const Value& f, List& issues, List& deadlines) {
    // The program sees the pack's `deadlines` fields at their defaults, then this finding.
    Members in;
    auto set = [&](const std::string& k, Value v) {
      for (auto& m : in)
        if (m.first == k) {
          m.second = std::move(v);
          return;
        }
      in.emplace_back(k, std::move(v));
    };
    auto op = env_.pack.ops.find("deadlines");
    if (op != env_.pack.ops.end())
      for (const FieldSpec& spec : op->second.fields) set(spec.name, spec.default_value);
    set("lastAuditDay", Value::date(*last_day_));
    set("finding", f);
    set("findings", Value::list({f}));
    set("auditType", Value::string(audit_type_));
    set("stage", Value::string(stage_name()));
    if (!holidays_.is_null()) set("holidays", holidays_);
    Value out;
    EvalEnv sub(env_.pack, env_.catalogs, env_.locale, env_.today);
    if (!call_program("findingDeadlines", Value::object(std::move(in)), sub, out)) {
      if (sub.failure && sub.failure->internal) {
        env_.failure = sub.failure;
        return false;
      }
      issue(issues, "grade", "warning", "deadline_unknown", "validate_deadline_unknown", form_.rule,
            {{"reason", sub.failure ? env_.catalogs.render(env_.locale, sub.failure->message_id,
                                                          sub.failure->params, &env_.pack.messages)
                                    : std::string()}});
      return true;
    }
    for (const auto& name : sub.unverified) env_.unverified.insert(name);
    const Value* list = out.find("deadlines");
    if (!list || !list->is_list()) return true;
    for (std::size_t i = 0; i < list->as_list().size(); ++i) {
      const Value& d = list->as_list()[i];
      Members m = d.as_object();
      std::optional<Date> end = end_of(d);
      // A label for the deadline in the request's locale, where the catalogs have one.
      std::string kind_label;
      if (const Value* k = d.find("kind"); k && k->is_string()) {
        kind_label = deadline_label(k->as_string());
        m.emplace_back("label", Value::string(kind_label));
      }
      if (end && today_) {
        std::int64_t left = today_->days_until(*end);
        m.emplace_back("daysLeft", Value::number(Exact(left)));
        const Value* kind = d.find("kind");
        bool clients = form_.overdue_kinds.empty() ||
                       (kind && kind->is_string() && contains(form_.overdue_kinds, kind->as_string()));
        if (left < 0 && clients) {
          issue(issues, "deadlines/" + std::to_string(i), "warning", "overdue", "validate_overdue",
                d.find("rule") && d.find("rule")->is_string() ? d.find("rule")->as_string() : form_.rule,
                {{"kind", kind_label},
                 {"date", end->to_string()},
                 {"days", std::to_string(-left)}});
        }
      }
      deadlines.push_back(Value::object(std::move(m)));
    }
    return true;
  }

  // The date by which the client must send: the first deadline the form names for it, less
  // the body's review time where a source gives one (docs/validate.md, sendBy).
  Value send_by_of(const List& deadlines) {
    for (const SendBy& s : form_.send_by) {
      for (const Value& d : deadlines) {
        if (!is_kind(d, s.kind)) continue;
        std::optional<Date> due = end_of(d);
        if (!due) continue;
        std::optional<Date> date = s.has_review ? due->add_days(-s.review_days) : due;
        if (!date) continue;
        const char* basis = s.clients      ? "submission_deadline"
                            : s.has_review ? "body_deadline_less_review"
                                           : "body_deadline";
        const std::string& kind_label = deadline_label(s.kind);
        Params params = {{"date", date->to_string()},
                         {"deadline", due->to_string()},
                         {"kind", kind_label},
                         {"days", std::to_string(s.review_days)}};
        ObjectBuilder b;
        b.set("date", Value::date(*date)).set("kind", Value::string(s.kind));
        b.set("basis", Value::string(basis));
        if (s.has_review) b.set("reviewDays", Value::number(Exact(s.review_days)));
        b.set("deadline", Value::date(*due));
        if (today_) b.set("daysLeft", Value::number(Exact(today_->days_until(*date))));
        b.set("message", Value::string(env_.catalogs.render(
                             env_.locale, std::string("send_by_") + basis, params, &env_.pack.messages)));
        b.set("rule", Value::string(s.rule));
        return b.build();
      }
    }
    return Value();
  }

  bool submission_issues(const List& findings, List& top) {
    if (!env_.pack.programs.count("submissionIssues")) return true;
    Value in = Value::object({{"findings", Value::list(findings)},
                              {"audit", audit_},
                              {"stage", Value::string(stage_name())},
                              {"today", today_ ? Value::date(*today_) : Value()}});
    Value out;
    if (!call_program("submissionIssues", in, env_, out)) return false;
    if (const Value* list = out.find("issues"); list && list->is_list())
      for (const Value& v : list->as_list()) top.push_back(v);
    return true;
  }

  const Value& inputs_;
  EvalEnv& env_;
  const FormSpec& form_;
  std::string stage_;
  std::string stage_name_;  // the stage, or "full" when the request names none
  Value audit_ = Value::object({});
  std::optional<Date> first_day_;
  std::optional<Date> last_day_;
  Value holidays_;
  std::string audit_type_;
  std::optional<Date> today_;
  std::int64_t max_bytes_ = 0;
  std::map<const FormCheck*, std::vector<std::string>> needles_;
  std::map<std::string, std::string> labels_;
  std::map<std::string, std::string> deadline_labels_;
};

}  // namespace

const std::vector<FieldSpec>& validate_fields() {
  static const std::vector<FieldSpec> kFields = make_validate_fields();
  return kFields;
}

bool run_validate(const Value& inputs, EvalEnv& env, Value& out) {
  Validator v(inputs, env);
  return v.run(out);
}

}  // namespace certcalc
