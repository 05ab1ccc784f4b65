#include "validate.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "answer_text.h"
#include "citations.h"
#include "cold.h"
#include "same_bytes.h"
#include "text_checks.h"
#include "utf8.h"
#include "validate_plan.h"

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

CERTCALC_COLD std::vector<FieldSpec> make_validate_fields() {
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

std::optional<Date> date_of(std::string_view s) {
  if (blank(s)) return std::nullopt;
  return Date::parse(s);
}

template <class List, class S>
bool contains(const List& list, const S& s) {
  const std::string_view v(s);
  for (const auto& x : list)
    if (same_text(x, v)) return true;
  return false;
}

// A message's text cut into the runs fill_placeholders() copies and the parameters it puts
// between them, for one set of parameter names (the cut depends on the names, not the values).
struct Template {
  struct Piece {
    std::string text;  // a run of the text, escaped for a JSON string, or
    int param = -1;    // the parameter at this index
  };
  std::vector<Piece> pieces;
  // A text with a plural block ({n, plural, ...}) is filled for each issue: the branch depends
  // on the number.
  bool plural = false;
  std::string text, locale;
  std::vector<std::string> names;
};

// How an issue of one check (or one core message) is written: everything but the field (for
// evidence items) and the message's parameters, escaped once.
struct Shape {
  std::string head;    // {"field":"rootCause", or {"field": when the field varies
  std::string middle;  // ,"severity":"warning","code":"too_short","message":"
  std::string tail;    // ","rule":"..."}
  std::string label;   // the field's label, when the field does not vary
  bool warning = false;
  bool varies = false;
  Template message;
};

}  // namespace

// What findingDeadlines gives one finding (or every finding alike in the fields it reads), ready
// to be written: the deadlines with their labels and days left, the issues they raise, the
// send-by date. Where the finding's id stands in the deadlines is kept apart.
struct DeadlineAnswer {
  std::string deadlines = "[]";        // JSON text, without the id
  std::vector<std::size_t> id_at;      // where in `deadlines` the id goes
  std::string issues;                  // deadline_unknown / overdue issues, comma-separated
  std::size_t issue_count = 0;
  std::string send_by = "null";
  std::vector<std::pair<std::string, std::optional<Date>>> kinds;  // per deadline: kind (if a text), end
};

// Shapes by everything they are made of (locale, field, code, message, rule, parameter names),
// and field labels by locale and field. Calls run on many threads: what is found is immutable.
// Both stop growing at a limit (a field with an index in it, "deadlines/3", makes new keys).
// Also the deadlines of findings, by everything findingDeadlines reads (the request's audit,
// days and locale, the finding's fields it reads): a checker validates the same audit at every
// keystroke, and a finding's first deadlines cost more than the rest of its checks.
class ShapeMemo {
 public:
  static constexpr std::size_t kLimit = 4096;
  static constexpr std::size_t kDeadlinesLimit = 1024;
  std::mutex mutex;
  std::map<std::string, Shape> shapes;          // a map's nodes stay where they are
  std::map<std::string, std::string> labels;
  std::map<std::string, DeadlineAnswer> deadlines;
};

std::shared_ptr<ShapeMemo> new_shape_memo() { return std::make_shared<ShapeMemo>(); }

namespace {

// Whether a message text may hold a plural block: '{', a name, then a comma.
bool may_be_plural(const std::string& text) {
  auto name_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    std::size_t i = open + 1;
    while (i < text.size() && name_char(text[i])) ++i;
    while (i < text.size() && text[i] == ' ') ++i;
    if (i > open + 1 && i < text.size() && text[i] == ',') return true;
  }
  return false;
}

struct Param {
  std::string_view name, value;
};

// The same walk as fill_placeholders() (messages.cpp), recording instead of copying. The runs
// of text are escaped once here: they begin and end at ASCII braces or at the text's ends, so
// escaping them one by one gives what escaping the filled text gives.
void cut(Template& t, const std::string& text, const Param* params, std::size_t count) {
  auto literal = [&](std::size_t from, std::size_t to) {
    if (to <= from) return;
    AnswerText escaped;
    escaped.string_body(std::string_view(text).substr(from, to - from));
    t.pieces.push_back({escaped.take(), -1});
  };
  if (count == 0 || text.find('{') == std::string::npos) {
    literal(0, text.size());
    return;
  }
  std::size_t close = 0, run = 0, i = 0;
  while (i < text.size()) {
    std::size_t open = text.find('{', i);
    if (open == std::string::npos) break;
    if (close <= open) close = text.find('}', open + 1);
    if (close == std::string::npos) break;
    std::string_view name(text.data() + open + 1, close - open - 1);
    int found = -1;
    for (std::size_t k = 0; k < count && found < 0; ++k)
      if (params[k].name == name) found = static_cast<int>(k);
    if (found >= 0) {
      literal(run, open);
      t.pieces.push_back({std::string(), found});
      i = run = close + 1;
    } else {
      i = open + 1;
    }
  }
  literal(run, text.size());
}

// The id's stand-in in findings that reach findingDeadlines: no request or pack can hold these
// bytes (they are not UTF-8), so only a copy of the id can bring them into an answer.
const std::string& id_stand_in() {
  static const std::string s = "\xFF" "certcalc finding id" "\xFE";
  return s;
}

// A thread's answer buffers, kept from one validate call to the next. A 500-finding answer is
// about 480 KB: built in fresh buffers, glibc handed blocks that large back to the kernel after
// every call and the next call faulted them in again (bench/README.md, 2026-12-07). Buffers
// larger than kKeep are given back.
struct Scratch {
  static constexpr std::size_t kKeep = 8u << 20;
  AnswerText findings, ready_ids, submit_ids;
  bool busy = false;
};

// Holds the thread's scratch for one call (or a scratch of its own should a call ever run inside
// another on the same thread).
class ScratchUse {
 public:
  ScratchUse() {
    thread_local Scratch kept;
    if (kept.busy) {
      own_ = std::make_unique<Scratch>();
      s_ = own_.get();
    } else {
      s_ = &kept;
    }
    s_->busy = true;
    for (AnswerText* t : {&s_->findings, &s_->ready_ids, &s_->submit_ids}) t->clear();
  }
  ~ScratchUse() {
    for (AnswerText* t : {&s_->findings, &s_->ready_ids, &s_->submit_ids})
      if (t->capacity() > Scratch::kKeep) t->release();
    s_->busy = false;
  }
  ScratchUse(const ScratchUse&) = delete;
  ScratchUse& operator=(const ScratchUse&) = delete;
  Scratch& operator*() const { return *s_; }

 private:
  std::unique_ptr<Scratch> own_;
  Scratch* s_;
};

class Runner {
 public:
  Runner(const ValidateIn& in, EvalEnv& env)
      : in_(in), env_(env), pack_(env.pack), form_(*env.pack.form), plan_(*env.pack.validate_plan) {
    // Read from the text, findings reach the pack as objects of the fields each use reads and
    // findingDeadlines and the checks' expressions are remembered per distinct finding, where
    // the plan shows that this is exact; else as whole objects, evaluated every time.
    memo_ = !in.checked && plan_.restricted();
    const std::uint16_t all = (1u << kFindingFields) - 1;
    expression_fields_ = memo_ ? plan_.expressions.fields : all;
    deadline_fields_ = memo_ ? plan_.deadlines.fields : all;
    submission_fields_ = memo_ ? plan_.submission.fields : all;
    stage_name_ = in.stage.empty() ? std::string("full") : std::string(in.stage);
    if (in.checked) {
      if (const Value* a = in.checked->find("audit"); a && a->is_object()) audit_ = *a;
      if (const Value* h = in.checked->find("holidays"); h && !h->is_null()) holidays_ = *h;
    } else {
      if (in.has_audit) {
        auto text = [&](int bit, std::string_view s) {
          return (in.audit_given >> bit) & 1u ? Value::string(std::string(s)) : Value();
        };
        audit_ = Value::object({{"firstDay", text(0, in.audit_first)},
                                {"lastDay", text(1, in.audit_last)},
                                {"type", text(2, in.audit_type)}});
      }
      if (in.has_holidays) {
        List days;
        days.reserve(in.holidays.size());
        for (const Date& d : in.holidays) days.push_back(Value::date(d));
        holidays_ = Value::list(std::move(days));
      }
    }
    first_day_ = date_of(in.audit_first);
    last_day_ = date_of(in.audit_last);
    if (in.has_today)
      today_ = in.today;
    else if (env.today.is_date())
      today_ = env.today.as_date();
    max_bytes_ = in.evidence_max_bytes;
    has_deadlines_program_ = pack_.programs.count("findingDeadlines") > 0;
    grade_checks_.reserve(kGradeChecksMax);
    for (const FormCheck& c : form_.checks)
      active_.push_back((c.stages.empty() || contains(c.stages, stage_name_)) &&
                        (c.audit_types.empty() || contains(c.audit_types, in.audit_type)));
  }

  bool run(std::string& answer) {
    audit_issues();
    // Findings sharing an id, and the first of each such group (reported once at the top).
    std::vector<char> duplicate(in_.findings.size(), 0), first(in_.findings.size(), 0);
    mark_duplicate_ids(duplicate, first);

    ScratchUse use;
    Scratch& scratch = *use;
    AnswerText& findings = scratch.findings;
    AnswerText& ready_ids = scratch.ready_ids;
    AnswerText& submit_ids = scratch.submit_ids;
    findings.reserve(in_.findings.size() * 768 + 64);  // about what a finding's answer takes
    bool all_ready = true;
    findings.raw('[');
    for (std::size_t i = 0; i < in_.findings.size(); ++i) {
      const FindingIn& f = in_.findings[i];
      const std::string_view id = f.text[kId];
      issues_.clear();
      issue_count_ = 0;
      errors_ = false;
      if (duplicate[i]) {
        issue(issues_, issue_count_, errors_, "id", false, kDuplicateId, "validate_duplicate_id",
              form_.rule, {{"id", id}});
        if (first[i]) {
          std::string where = "findings/" + std::to_string(i) + "/id";
          issue(top_, top_count_, top_errors_, where, false, kDuplicateId, "validate_duplicate_id",
                form_.rule, {{"id", id}});
        }
      }
      const DeadlineAnswer* deadlines = nullptr;
      if (!finding(f, deadlines)) return false;
      bool ready = !errors_;
      all_ready = all_ready && ready;
      std::string_view state = f.text[kState];
      if (blank(state)) {
        auto it = form_.workflow.initial.find(stage_name_);
        state = it == form_.workflow.initial.end() ? std::string_view() : std::string_view(it->second);
      }
      if (!contains(form_.workflow.states, state)) {
        issue(issues_, issue_count_, errors_, "state", false, kUnknownState, "validate_unknown_state",
              form_.workflow.rule, {{"state", state}});
        ready = false;
        all_ready = false;
      }
      const Actions& actions = actions_for(state, ready);
      // The id as a JSON string once: written up to four times (ready, submit, the finding,
      // each of its deadlines), and escaping a short text costs several times copying it.
      id_json_.clear();
      id_json_.string(id);
      const std::string_view id_json = id_json_.view();
      if (ready) {
        if (ready_ids.size()) ready_ids.raw(',');
        ready_ids.raw(id_json);
      }
      if (actions.submit) {
        if (submit_ids.size()) submit_ids.raw(',');
        submit_ids.raw(id_json);
      }
      if (i) findings.raw(',');
      findings.raw("{\"id\":");
      findings.raw(id_json);
      findings.raw(actions.head);
      findings.raw(issues_.view());
      findings.raw("],\"deadlines\":");
      if (deadlines) {
        write_deadlines(*deadlines, id_json, findings);
        findings.raw(",\"sendBy\":");
        findings.raw(deadlines->send_by);
      } else {
        findings.raw("[],\"sendBy\":null");
      }
      findings.raw('}');
    }
    findings.raw(']');
    if (in_.findings.empty())
      issue(top_, top_count_, top_errors_, "findings", true, kNoFindings, "validate_no_findings",
            form_.rule, {});
    if (!submission_issues()) return false;

    // The parts in answer order, copied once into a string of the right size.
    const std::string_view parts[] = {
        all_ready && !top_errors_ ? "{\"valid\":true,\"ready\":[" : "{\"valid\":false,\"ready\":[",
        ready_ids.view(), "],\"findings\":", findings.view(), ",\"issues\":[", top_.view(),
        submit_ids.size() ? "],\"submit\":{\"allowed\":true,\"findings\":["
                          : "],\"submit\":{\"allowed\":false,\"findings\":[",
        submit_ids.view(), "]}}"};
    std::size_t size = 0;
    for (std::string_view p : parts) size += p.size();
    answer.clear();
    answer.reserve(size);
    for (std::string_view p : parts) answer.append(p.data(), p.size());
    return true;
  }

 private:
  static const std::string kDuplicateId, kUnknownState, kNoFindings, kRequired, kInvalidDate,
      kAfterLastDay, kDeadlineUnknown, kOverdue;

  // Finds the findings whose (non-blank) id another finding has too, in one open-addressing
  // table of finding numbers: no node per id.
  void mark_duplicate_ids(std::vector<char>& duplicate, std::vector<char>& first) const {
    const std::size_t n = in_.findings.size();
    std::size_t size = 16;
    while (size < 2 * n) size *= 2;
    std::vector<std::uint32_t> table(size, 0);  // finding number + 1 of an id's first finding
    for (std::size_t i = 0; i < n; ++i) {
      std::string_view id = in_.findings[i].text[kId];
      if (blank(id)) continue;
      std::uint64_t h = 1469598103934665603ull;  // FNV-1a
      for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
      for (std::size_t slot = h & (size - 1);; slot = (slot + 1) & (size - 1)) {
        std::uint32_t at = table[slot];
        if (!at) {
          table[slot] = static_cast<std::uint32_t>(i + 1);
          break;
        }
        if (in_.findings[at - 1].text[kId] == id) {
          duplicate[i] = duplicate[at - 1] = 1;
          first[at - 1] = 1;
          break;
        }
      }
    }
  }

  // --- issues ----------------------------------------------------------------------------------

  // The shape of an issue whose parameters are named `names` (then field and label), from the
  // pack's memo or made and kept there.
  const Shape& shape(std::string_view field, bool varies, bool warning, const std::string& code,
                     const std::string& message, const std::string& rule,
                     std::initializer_list<std::string_view> names) {
    std::string& key = shape_key_;
    key.assign(env_.locale);
    for (std::string_view part : {field, std::string_view(varies ? "v" : "-"), std::string_view(warning ? "w" : "e"),
                                  std::string_view(code), std::string_view(message), std::string_view(rule)}) {
      key += '\0';
      key.append(part.data(), part.size());
    }
    for (std::string_view name : names) {
      key += '\1';
      key.append(name.data(), name.size());
    }
    // The memo only ever adds shapes, and the pack outlives the call: what it holds stays.
    ShapeMemo& memo = *plan_.shapes;
    {
      std::lock_guard<std::mutex> lock(memo.mutex);
      auto it = memo.shapes.find(key);
      if (it != memo.shapes.end()) return it->second;
    }
    Shape made = make_shape(field, varies, warning, code, message, rule, names);
    {
      std::lock_guard<std::mutex> lock(memo.mutex);
      if (memo.shapes.size() < ShapeMemo::kLimit) return memo.shapes.emplace(key, std::move(made)).first->second;
    }
    held_.push_back(std::move(made));  // past the limit: this request's own
    return held_.back();
  }

  Shape make_shape(std::string_view field, bool varies, bool warning, const std::string& code,
                   const std::string& message, const std::string& rule,
                   std::initializer_list<std::string_view> names) {
    Shape sh;
    sh.warning = warning;
    sh.varies = varies;
    AnswerText w;
    w.raw("{\"field\":");
    if (!varies) w.string(field);
    sh.head = w.take();
    w.raw(warning ? ",\"severity\":\"warning\",\"code\":" : ",\"severity\":\"error\",\"code\":");
    w.string(code);
    w.raw(",\"message\":\"");
    sh.middle = w.take();
    w.raw("\",\"rule\":");
    w.string(rule);
    // the documents the rule cites, for tools (citations.h), as every answer has them
    Value cited = with_cites(Value::object({{"rule", Value::string(rule)}}), pack_.sources, pack_.cites_memo.get());
    if (const Value* cites = cited.find("cites")) {
      w.raw(",\"cites\":");
      w.value(*cites);
    }
    w.raw('}');
    sh.tail = w.take();
    if (!varies) sh.label = std::string(label(field.substr(0, field.find('/'))));
    Param params[8];
    std::size_t n = 0;
    for (std::string_view name : names) params[n++] = {name, {}};
    params[n++] = {"field", {}};
    params[n++] = {"label", {}};
    bool english = false;
    const std::string* text = env_.catalogs.text(env_.locale, message, &pack_.messages, &english);
    const std::string& t = text ? *text : message;
    if (may_be_plural(t)) {
      sh.message.plural = true;
      sh.message.text = t;
      sh.message.locale = english ? std::string("en") : env_.locale;
      for (std::size_t k = 0; k < n; ++k) sh.message.names.emplace_back(params[k].name);
    } else {
      cut(sh.message, t, params, n);
    }
    return sh;
  }

  // A check's shape (variant 1: dateWithinDeadline's message for a date before the audit).
  const Shape& check_shape(std::size_t check, int variant, std::initializer_list<std::string_view> names) {
    std::size_t slot = check * 2 + static_cast<std::size_t>(variant);
    if (shapes_.size() <= slot) shapes_.resize(form_.checks.size() * 2);
    if (!shapes_[slot]) {
      const FormCheck& c = form_.checks[check];
      bool varies = reads_items(c.kind);
      const std::string& message =
          variant ? (c.backdated_message.empty() ? kBackdated : c.backdated_message) : c.message;
      shapes_[slot] = &shape(c.field, varies, c.warning, c.code, message, c.rule, names);
    }
    return *shapes_[slot];
  }

  // Writes one issue. `field` only for a shape whose field varies; `params` in the shape's order.
  void write_issue(const Shape& sh, AnswerText& into, std::size_t& count, bool& errors,
                   std::string_view field, std::initializer_list<std::string_view> params) {
    std::string_view values[8];
    std::size_t n = 0;
    for (std::string_view v : params) values[n++] = v;
    values[n++] = field;
    values[n++] = sh.varies ? label(field.substr(0, field.find('/'))) : std::string_view(sh.label);
    if (count++) into.raw(',');
    into.raw(sh.head);
    if (sh.varies) into.string(field);
    into.raw(sh.middle);
    if (sh.message.plural) {
      Params filled;
      for (std::size_t k = 0; k < n; ++k) filled.emplace_back(sh.message.names[k], std::string(values[k]));
      into.string_body(fill_placeholders(sh.message.text, filled, sh.message.locale));
    }
    for (const Template::Piece& p : sh.message.pieces) {
      if (p.param >= 0) into.string_body(values[p.param]);
      else into.raw(p.text);
    }
    into.raw(sh.tail);
    if (!sh.warning) errors = true;
  }

  // An issue of the driver itself (not of a form check): rare, shaped each time.
  void issue(AnswerText& into, std::size_t& count, bool& errors, std::string_view field,
             bool warning, const std::string& code, const std::string& message,
             const std::string& rule, std::initializer_list<std::pair<std::string_view, std::string_view>> given) {
    std::vector<std::string_view> names, values;
    for (const auto& p : given) {
      names.push_back(p.first);
      values.push_back(p.second);
    }
    const Shape* found = nullptr;
    switch (names.size()) {
      case 0: found = &shape(field, false, warning, code, message, rule, {}); break;
      case 1: found = &shape(field, false, warning, code, message, rule, {names[0]}); break;
      case 2: found = &shape(field, false, warning, code, message, rule, {names[0], names[1]}); break;
      default: found = &shape(field, false, warning, code, message, rule, {names[0], names[1], names[2]}); break;
    }
    const Shape& sh = *found;
    switch (values.size()) {
      case 0: write_issue(sh, into, count, errors, field, {}); break;
      case 1: write_issue(sh, into, count, errors, field, {values[0]}); break;
      case 2: write_issue(sh, into, count, errors, field, {values[0], values[1]}); break;
      default: write_issue(sh, into, count, errors, field, {values[0], values[1], values[2]}); break;
    }
  }

  std::string render(const std::string& id, const Params& params) {
    return env_.catalogs.render(env_.locale, id, params, &pack_.messages);
  }

  // A field's label in the request's locale, looked up once per request.
  std::string_view label(std::string_view base) {
    for (const auto& l : labels_)
      if (l.first == base) return l.second;
    std::string key = env_.locale;
    key += '\0';
    key.append(base.data(), base.size());
    ShapeMemo& memo = *plan_.shapes;
    {
      std::lock_guard<std::mutex> lock(memo.mutex);
      auto it = memo.labels.find(key);
      if (it != memo.labels.end()) return labels_.emplace_back(std::string(base), it->second).second;
    }
    std::string id = "label_";
    id.append(base.data(), base.size());
    std::string text = env_.catalogs.has("en", id) ? env_.catalogs.render(env_.locale, id, {}) : std::string(base);
    {
      std::lock_guard<std::mutex> lock(memo.mutex);
      if (memo.labels.size() < ShapeMemo::kLimit)
        return labels_.emplace_back(std::string(base), memo.labels.emplace(key, std::move(text)).first->second).second;
    }
    own_labels_.push_back(std::move(text));  // past the limit: this request's own
    return labels_.emplace_back(std::string(base), own_labels_.back()).second;
  }

  // A deadline kind's label in the request's locale, where the catalogs have one.
  const std::string& deadline_label(const std::string& kind) {
    auto it = deadline_labels_.find(kind);
    if (it != deadline_labels_.end()) return it->second;
    std::string id = "deadline_" + kind;
    return deadline_labels_[kind] =
               env_.catalogs.has("en", id) || pack_.messages.find(id) ? render(id, {}) : kind;
  }

  void audit_issues() {
    std::string_view last = in_.audit_last, first = in_.audit_first;
    if (blank(last))
      issue(top_, top_count_, top_errors_, "audit/lastDay", false, kRequired,
            "validate_audit_last_day_required", form_.rule, {});
    else if (!last_day_)
      issue(top_, top_count_, top_errors_, "audit/lastDay", false, kInvalidDate,
            "validate_audit_last_day_invalid", form_.rule, {{"value", clipped(last, 40)}});
    if (!blank(first) && !first_day_) {
      issue(top_, top_count_, top_errors_, "audit/firstDay", false, kInvalidDate,
            "validate_audit_first_day_invalid", form_.rule, {{"value", clipped(first, 40)}});
    } else if (first_day_ && last_day_ && *last_day_ < *first_day_) {
      std::string d = first_day_->to_text(env_.locale), o = last_day_->to_text(env_.locale);
      issue(top_, top_count_, top_errors_, "audit/firstDay", false, kAfterLastDay,
            "validate_audit_first_after_last", form_.rule, {{"date", d}, {"other", o}});
    }
  }

  // --- workflow ----------------------------------------------------------------------------------

  struct Actions {
    std::string state;
    bool ready = false;
    std::string head;  // a finding's answer from its readiness to the start of its issues
    bool submit = false;
  };

  // The customer actions the workflow allows in a state, computed once per state and readiness,
  // and written with the readiness and the state that lead to them.
  const Actions& actions_for(std::string_view state, bool ready) {
    for (const Actions& a : actions_)
      if (a.ready == ready && same_text(a.state, state)) return a;
    Actions a;
    a.state = std::string(state);
    a.ready = ready;
    AnswerText json;
    json.raw(ready ? ",\"ready\":true,\"state\":" : ",\"ready\":false,\"state\":");
    json.string(state);
    json.raw(",\"actions\":[");
    const std::size_t empty = json.size();
    for (const auto& t : form_.workflow.transitions) {
      if (!t.customer || !contains(t.from, state) || (t.requires_ready && !ready)) continue;
      if (!t.stages.empty() && !contains(t.stages, stage_name_)) continue;
      if (json.size() > empty) json.raw(',');
      json.raw("{\"action\":");
      json.string(t.action);
      json.raw(",\"to\":");
      json.string(t.to);
      json.raw('}');
      a.submit = a.submit || t.action == "submit";
    }
    json.raw("],\"issues\":[");
    a.head = json.take();
    actions_.push_back(std::move(a));
    return actions_.back();
  }

  // --- one finding -------------------------------------------------------------------------------

  std::string_view text(const FindingIn& f, int source) const {
    if (source == kAuditFirstDay) return in_.audit_first;
    if (source == kAuditLastDay) return in_.audit_last;
    if (source < 0 || source >= kTextFields) return std::string_view();
    return f.text[source];
  }

  // A normalized text of this finding, computed once however many checks need it.
  std::string_view normalized(const FindingIn& f, int source) {
    int slot = source == kAuditFirstDay ? kTextFields : source == kAuditLastDay ? kTextFields + 1 : source;
    if (slot < 0 || slot > kTextFields + 1 || (source >= kTextFields)) return std::string_view();
    if (!(normalized_mask_ >> slot & 1u)) {
      normalized_view_[slot] = normalize_into(text(f, source), normalized_[slot]);
      normalized_mask_ |= 1u << slot;
    }
    return normalized_view_[slot];
  }

  // Whether a clause reference is read, once per distinct text of the request.
  bool clause_read(std::string_view text) {
    auto it = clauses_.find(text);
    if (it != clauses_.end()) return it->second;
    bool read = pack_.clauses.read(text).has_value();
    clauses_.emplace(text, read);
    return read;
  }

  // A text field's char_count(), computed once per finding.
  std::int64_t counted(const FindingIn& f, int field) {
    if (field < 0 || field >= kTextFields) return 0;
    if (!(counted_mask_ >> field & 1u)) {
      counted_[field] = char_count(f.text[field]);
      counted_mask_ |= 1u << field;
    }
    return counted_[field];
  }

  // The first of `sources` that holds a date, and which it is.
  // date_of() a source's text, once per finding.
  std::optional<Date> date_at(const FindingIn& f, int source) {
    if (source == kAuditFirstDay) return first_day_;
    if (source == kAuditLastDay) return last_day_;
    if (source < 0 || source >= kTextFields) return std::nullopt;
    if (!(dated_mask_ >> source & 1u)) {
      dates_[source] = date_of(f.text[source]);
      dated_mask_ |= 1u << source;
    }
    return dates_[source];
  }

  std::optional<Date> first_date(const FindingIn& f, const CheckPlan& p, std::size_t& which) {
    for (std::size_t k = 0; k < p.others.size(); ++k)
      if (auto d = date_at(f, p.others[k])) {
        which = k;
        return d;
      }
    return std::nullopt;
  }

  bool applies(std::size_t i, std::string_view grade) const {
    const FormCheck& c = form_.checks[i];
    return active_[i] && (c.grades.empty() || contains(c.grades, grade));
  }

  // The checks that apply to a finding of this grade, in their order: worked out once per grade
  // text of the request (a request has a few), not by every finding for every check.
  const std::vector<std::size_t>& checks_for(std::string_view grade) {
    for (const auto& g : grade_checks_)
      if (same_text(g.first, grade)) return g.second;
    std::vector<std::size_t> checks;
    for (std::size_t ci = 0; ci < form_.checks.size(); ++ci)
      if (applies(ci, grade)) checks.push_back(ci);
    // A request of many made-up grades keeps the first few only (their lists stay put: reserved).
    if (grade_checks_.size() < kGradeChecksMax) {
      grade_checks_.emplace_back(std::string(grade), std::move(checks));
      return grade_checks_.back().second;
    }
    other_grade_checks_ = std::move(checks);
    return other_grade_checks_;
  }

  // Whether a dateNotBefore check of the same field catches `d`: a date before the audit, which
  // proves nothing about any deadline.
  bool backdated(const FormCheck& c, const FindingIn& f, std::string_view grade, const Date& d) {
    for (std::size_t k : c.not_before) {
      if (!applies(k, grade)) continue;
      std::size_t which = 0;
      auto o = first_date(f, plan_.checks[k], which);
      if (o && d < *o) return true;
    }
    return false;
  }

  static std::optional<Date> deadline_date(const DeadlineAnswer* a, const std::string& kind) {
    if (!a) return std::nullopt;
    for (const auto& k : a->kinds)
      if (k.second && same_text(k.first, kind)) return k.second;
    return std::nullopt;
  }

  // A check's issue (its message without the variant for a backdated date).
  void raise(std::size_t ci, std::initializer_list<std::string_view> names,
             std::initializer_list<std::string_view> values) {
    write_issue(check_shape(ci, 0, names), issues_, issue_count_, errors_, form_.checks[ci].field, values);
  }

  // A check's issue that reads the same for every finding (no parameter, or the check's own
  // number as `names`' one): written once per request, then copied. Most of a finding's issues.
  void raise_same(std::size_t ci, std::initializer_list<std::string_view> names) {
    const FormCheck& c = form_.checks[ci];
    const Shape& sh = check_shape(ci, 0, names);
    if (same_issues_.size() <= ci) same_issues_.resize(form_.checks.size());
    std::string& same = same_issues_[ci];
    if (same.empty()) {  // an issue's text never is
      AnswerText one;
      std::size_t count = 0;
      bool errors = false;
      const std::string n = std::to_string(c.number);
      if (names.size()) write_issue(sh, one, count, errors, c.field, {n});
      else write_issue(sh, one, count, errors, c.field, {});
      same.assign(one.view());
    }
    if (issue_count_++) issues_.raw(',');
    issues_.raw(same);
    if (!sh.warning) errors_ = true;
  }

  bool finding(const FindingIn& f, const DeadlineAnswer*& deadlines) {
    normalized_mask_ = 0;
    counted_mask_ = 0;
    dated_mask_ = 0;
    context_ready_ = false;
    const std::string_view grade = f.text[kGrade];
    if (contains(form_.grades, grade) && last_day_ && has_deadlines_program_) {
      if (!deadlines_for(f, deadlines)) return false;
      if (deadlines->issue_count) {
        if (issue_count_) issues_.raw(',');
        issues_.raw(deadlines->issues);
        issue_count_ += deadlines->issue_count;
      }
    }
    for (const std::size_t ci : checks_for(grade)) {
      const FormCheck& c = form_.checks[ci];
      const CheckPlan& p = plan_.checks[ci];
      if (c.has_when) {
        bool t = false;
        if (!expression(ci, c.when, f, t)) return false;
        if (!t) continue;
      }
      const std::string_view value = text(f, p.field);
      switch (c.kind) {
        case FormCheck::Kind::Required: {
          bool empty = p.field == kEvidence ? f.evidence_count == 0 || !f.has(kEvidence)
                       : p.field == kNoField ? true
                                             : !f.has(p.field) || blank(value);
          if (empty) raise_same(ci, {});
          break;
        }
        case FormCheck::Kind::MinLength:
          if (!blank(value) && counted(f, p.field) < c.number) raise_same(ci, {"min"});
          break;
        case FormCheck::Kind::MaxLength:
          if (counted(f, p.field) > c.number) raise_same(ci, {"max"});
          break;
        case FormCheck::Kind::DiffersFrom: {
          int other = p.others.empty() ? kNowhere : p.others[0];
          std::string_view a = normalized(f, p.field);
          Copy copy = copy_of(a, normalized(f, other), border_);
          if (copy != Copy::None &&
              (c.match == FormCheck::Match::Any ||
               (c.match == FormCheck::Match::Same) == (copy == Copy::Same)))
            raise_same(ci, {});
          break;
        }
        case FormCheck::Kind::BlameOnly: {
          std::string_view n = normalized(f, p.field);
          if (n.empty() || (c.number > 0 && word_count(n) > c.number)) break;
          spaced_.assign(1, ' ');
          spaced_.append(n.data(), n.size());
          spaced_ += ' ';
          if (has_needle(spaced_, p)) raise_same(ci, {});
          break;
        }
        case FormCheck::Kind::IsDate:
          if (!blank(value) && !date_at(f, p.field)) raise(ci, {"value"}, {clipped(value, 40)});
          break;
        case FormCheck::Kind::DateNotBefore: {
          auto d = date_at(f, p.field);
          std::size_t which = 0;
          auto o = first_date(f, p, which);
          if (d && o && *d < *o) {
            std::string ds = d->to_text(env_.locale), os = o->to_text(env_.locale);
            std::string key = c.others[which];
            std::replace(key.begin(), key.end(), '.', '_');
            std::string other_label(label(key));
            raise(ci, {"date", "other", "otherLabel"}, {ds, os, other_label});
          }
          break;
        }
        case FormCheck::Kind::DateWithinDeadline: {
          auto d = date_at(f, p.field);
          auto due = deadline_date(deadlines, c.deadline);
          if (!d || !due || (!c.unless_filled.empty() && !blank(text(f, p.unless)))) break;
          // The dates as text only for an issue: most findings are on time.
          if (*d > *due) {
            const std::string ds = d->to_text(env_.locale), dues = due->to_text(env_.locale);
            raise(ci, {"date", "deadline"}, {ds, dues});
          } else if (backdated(c, f, grade, *d)) {
            // A date before the audit never spares a finding what a real date could bring.
            const std::string ds = d->to_text(env_.locale), dues = due->to_text(env_.locale);
            write_issue(check_shape(ci, 1, {"date", "deadline"}), issues_, issue_count_, errors_,
                        c.field, {ds, dues});
          }
          break;
        }
        case FormCheck::Kind::OneOf:
          if (!blank(value) && !contains(c.values, value)) {
            std::string list;
            for (const auto& v : c.values) list += (list.empty() ? "" : ", ") + v;
            raise(ci, {"value", "values"}, {clipped(value, 40), list});
          }
          break;
        case FormCheck::Kind::Clause:
          if (!blank(value) && !clause_read(value)) raise(ci, {"value"}, {clipped(value, 80)});
          break;
        case FormCheck::Kind::ItemNamed:
        case FormCheck::Kind::ItemMediaType:
        case FormCheck::Kind::ItemExtension:
        case FormCheck::Kind::ItemMaxBytes:
        case FormCheck::Kind::UniqueNames:
          if (p.field == kEvidence && f.has(kEvidence)) items(ci, f);
          break;
        case FormCheck::Kind::Expr: {
          bool t = false;
          if (!expression(ci, c.fails, f, t)) return false;
          if (t) raise_same(ci, {});
          break;
        }
      }
    }
    return true;
  }

  // Whether one of a blameOnly check's needles (each " phrase ") occurs in `spaced`: a needle
  // starts with a space, so only the places after a space are tried, each against the needles
  // that go on with the byte there (one pass, where a search per needle read the text 42 times).
  static bool has_needle(std::string_view spaced, const CheckPlan& p) {
    if (p.needle_from.size() != 257) return false;
    const std::size_t size = spaced.size();
    for (std::size_t i = 0; i + 1 < size; ++i) {
      if (spaced[i] != ' ') continue;
      const unsigned c = static_cast<unsigned char>(spaced[i + 1]);
      for (std::size_t k = p.needle_from[c]; k < p.needle_from[c + 1]; ++k) {
        const std::string& needle = p.needles[k];
        if (needle.size() <= size - i && same_bytes(spaced.data() + i + 2, needle.data() + 2, needle.size() - 2))
          return true;
      }
    }
    return false;
  }

  // Whether an evidence item's normalized name is new among this finding's items: compared one by
  // one for the usual few items, through a set for many.
  bool first_name(std::string_view n) {
    auto name = [&](std::size_t k) {
      std::size_t from = k ? name_ends_[k - 1] : 0;
      return std::string_view(names_).substr(from, name_ends_[k] - from);
    };
    if (name_ends_.size() < 16) {
      for (std::size_t k = 0; k < name_ends_.size(); ++k)
        if (name(k) == n) return false;
    } else {
      if (seen_.empty())
        for (std::size_t k = 0; k < name_ends_.size(); ++k) seen_.insert(std::string(name(k)));
      if (!seen_.insert(std::string(n)).second) return false;
    }
    names_.append(n.data(), n.size());
    name_ends_.push_back(names_.size());
    return true;
  }

  // An evidence item's issue: its field is the item's member, "evidence/1/name".
  void raise_item(std::size_t ci, std::uint32_t i, const char* member, std::initializer_list<std::string_view> names,
                  std::initializer_list<std::string_view> values) {
    field_.assign(form_.checks[ci].field);
    field_ += '/';
    field_ += std::to_string(i);
    field_ += '/';
    field_ += member;
    write_issue(check_shape(ci, 0, names), issues_, issue_count_, errors_, field_, values);
  }

  void items(std::size_t ci, const FindingIn& f) {
    const FormCheck& c = form_.checks[ci];
    if (c.kind == FormCheck::Kind::UniqueNames) {
      names_.clear();
      name_ends_.clear();
      seen_.clear();
    }
    for (std::uint32_t i = 0; i < f.evidence_count; ++i) {
      const EvidenceIn& e = in_.evidence[f.evidence_begin + i];
      const std::string_view name = e.name;
      switch (c.kind) {
        case FormCheck::Kind::ItemNamed:
          if (blank(name)) raise_item(ci, i, "name", {}, {});
          break;
        case FormCheck::Kind::ItemMediaType:
          // Like every check of a field a request may leave out, it applies once filled (a row
          // typed by hand has a name only; its extension is checked).
          if (!blank(e.media_type) && !contains(c.values, media_type_of(e.media_type, scratch_)))
            raise_item(ci, i, "mediaType", {"value", "name"}, {clipped(e.media_type, 80), clipped(name, 200)});
          break;
        case FormCheck::Kind::ItemExtension: {
          std::size_t dot = name.rfind('.');
          std::string_view ext = dot != std::string_view::npos ? normalize_into(name.substr(dot + 1), buffer_)
                                                                : std::string_view();
          if (!blank(name) && !contains(c.values, ext)) raise_item(ci, i, "name", {"name", "value"}, {clipped(name, 200), clipped(ext, 20)});
          break;
        }
        case FormCheck::Kind::ItemMaxBytes: {
          std::int64_t limit = max_bytes_ > 0 ? max_bytes_ : c.number;
          if (limit > 0 && e.has_bytes && e.bytes > limit) {
            std::string max = std::to_string(limit), value = std::to_string(e.bytes);
            raise_item(ci, i, "bytes", {"name", "max", "value"}, {clipped(name, 200), max, value});
          }
          break;
        }
        case FormCheck::Kind::UniqueNames:
          if (blank(name)) break;
          if (!first_name(normalize_into(name, buffer_))) raise_item(ci, i, "name", {"name"}, {clipped(name, 200)});
          break;
        default: break;
      }
    }
  }

  // --- the pack's programs and expressions ---------------------------------------------------

  // A finding as the pack's programs see it: the checked one, or (restricted) an object of only
  // the fields they read, which they cannot tell apart (validate_plan.cpp).
  Value finding_value(const FindingIn& f, std::uint16_t fields, bool id_stand_in) const {
    if (f.checked) return *f.checked;
    Members m;
    m.reserve(static_cast<std::size_t>(__builtin_popcount(fields)));
    for (unsigned k = 0; k < kFindingFields; ++k) {
      if (!(fields >> k & 1u)) continue;
      Value v;
      if (k == kEvidence) {
        if (f.has(kEvidence)) {
          List items;
          items.reserve(f.evidence_count);
          for (std::uint32_t i = 0; i < f.evidence_count; ++i) {
            const EvidenceIn& e = in_.evidence[f.evidence_begin + i];
            items.push_back(Value::object(
                {{"name", e.has_name ? Value::string(std::string(e.name)) : Value()},
                 {"mediaType", e.has_media_type ? Value::string(std::string(e.media_type)) : Value()},
                 {"bytes", e.has_bytes ? Value::number(Exact(e.bytes)) : Value()}}));
          }
          v = Value::list(std::move(items));
        }
      } else if (k == kId && id_stand_in && f.has(kId)) {
        v = Value::string(id_stand_in_text());
      } else if (f.has(k)) {
        v = Value::string(std::string(f.text[k]));
      }
      m.emplace_back(finding_field_name(k), std::move(v));
    }
    return Value::object(std::move(m));
  }

  static const std::string& id_stand_in_text() { return id_stand_in(); }

  // The memo key of a finding: the fields a use reads, each with whether it was given.
  void memo_key(const FindingIn& f, std::uint16_t fields, std::string& key) const {
    auto put = [&](std::string_view s) {
      std::uint32_t n = static_cast<std::uint32_t>(s.size());
      key.append(reinterpret_cast<const char*>(&n), sizeof n);
      key.append(s.data(), s.size());
    };
    for (unsigned k = 0; k < kFindingFields; ++k) {
      if (!(fields >> k & 1u)) continue;
      key += f.has(k) ? '\1' : '\0';
      if (k != kEvidence) {
        put(f.text[k]);
        continue;
      }
      put(std::string_view(reinterpret_cast<const char*>(&f.evidence_count), sizeof f.evidence_count));
      for (std::uint32_t i = 0; i < f.evidence_count; ++i) {
        const EvidenceIn& e = in_.evidence[f.evidence_begin + i];
        key += static_cast<char>(e.has_name | e.has_media_type << 1 | e.has_bytes << 2);
        put(e.name);
        put(e.media_type);
        key.append(reinterpret_cast<const char*>(&e.bytes), sizeof e.bytes);
      }
    }
  }

  Value context(const FindingIn& f) const {
    return Value::object({{"finding", finding_value(f, expression_fields_, false)},
                          {"audit", audit_},
                          {"stage", Value::string(stage_name_)},
                          {"today", today_ ? Value::date(*today_) : Value()}});
  }

  // A check's `when` or `fails` for this finding: true when it gives true. Remembered per
  // distinct finding (restricted), with the steps it took, so that the request's step budget
  // runs out exactly where evaluating every time would have.
  bool expression(std::size_t check, const Expr& e, const FindingIn& f, bool& t) {
    std::string* key = nullptr;
    if (memo_) {
      expression_key_.assign(reinterpret_cast<const char*>(&check), sizeof check);
      expression_key_ += &e == &form_.checks[check].when ? 'w' : 'f';
      memo_key(f, expression_fields_, expression_key_);
      auto it = expressions_.find(expression_key_);
      if (it != expressions_.end() && env_.steps + it->second.second <= kEvalStepLimit) {
        env_.steps += it->second.second;
        t = it->second.first;
        return true;
      }
      key = &expression_key_;
    }
    if (!context_ready_) {
      context_ = context(f);
      context_ready_ = true;
    }
    std::uint64_t before = env_.steps;
    Value v;
    if (!eval_expr(e, context_, env_, v)) return false;
    t = v.is_bool() && v.as_bool();
    if (key) expressions_[*key] = {t, env_.steps - before};
    return true;
  }

  // The deadlines of a finding (whose grade is one of the form's), from findingDeadlines.
  bool deadlines_for(const FindingIn& f, const DeadlineAnswer*& out) {
    const bool stand_in = memo_ && plan_.deadlines.id_only_copied;
    const std::uint16_t fields = deadline_fields_;
    if (memo_) {
      deadline_key_.clear();
      std::uint16_t key_fields = stand_in ? static_cast<std::uint16_t>(fields & ~(1u << kId)) : fields;
      if (stand_in) deadline_key_ += f.has(kId) ? '\1' : '\0';
      memo_key(f, key_fields, deadline_key_);
      auto it = deadlines_.find(deadline_key_);
      if (it != deadlines_.end()) {
        out = it->second;
        return true;
      }
      // Kept with the pack by an earlier call of the same request context?
      ShapeMemo& memo = *plan_.shapes;
      shared_key_.assign(deadline_context());
      shared_key_ += deadline_key_;
      std::lock_guard<std::mutex> lock(memo.mutex);
      auto kept = memo.deadlines.find(shared_key_);
      if (kept != memo.deadlines.end()) {
        out = &kept->second;
        deadlines_.emplace(deadline_key_, out);
        return true;
      }
    }
    auto answer = std::make_unique<DeadlineAnswer>();
    Value finding = finding_value(f, fields, stand_in);
    if (!run_deadlines(finding, *answer, stand_in)) return false;
    if (memo_) {
      // The memo only ever adds, and the pack outlives the call: what it holds stays.
      ShapeMemo& memo = *plan_.shapes;
      std::lock_guard<std::mutex> lock(memo.mutex);
      if (memo.deadlines.size() < ShapeMemo::kDeadlinesLimit) {
        out = &memo.deadlines.emplace(shared_key_, std::move(*answer)).first->second;
      } else {
        out = answer.get();
        owned_deadlines_.push_back(std::move(answer));
      }
      deadlines_.emplace(deadline_key_, out);
    } else {
      last_deadlines_ = std::move(answer);
      out = last_deadlines_.get();
    }
    return true;
  }

  // Everything of the request that run_deadlines reads besides the finding: the locale (labels,
  // messages), the last audit day, audit type, stage, holidays and both days (the program's and
  // the days left). With the finding's key, it names a DeadlineAnswer across calls.
  const std::string& deadline_context() {
    if (!deadline_context_.empty()) return deadline_context_;
    AnswerText t;
    t.string(env_.locale);
    t.string(last_day_ ? last_day_->to_string() : std::string());
    t.string(in_.audit_type);
    t.string(stage_name_);
    t.value(holidays_);
    t.value(env_.today);
    t.string(today_ ? today_->to_string() : std::string());
    t.raw('\n');
    deadline_context_ = t.take();
    return deadline_context_;
  }

  bool run_deadlines(const Value& finding, DeadlineAnswer& a, bool stand_in) {
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
    auto op = pack_.ops.find("deadlines");
    if (op != pack_.ops.end())
      for (const FieldSpec& spec : op->second.fields) set(spec.name, spec.default_value);
    // The audit's last day carries an origin, so a date the program shifts past 9999 from it
    // names audit/lastDay in the reason (the other inputs point at nothing).
    Value last_day = Value::date(*last_day_);
    last_day.set_origin(1);
    Value origins = Value::object({{"audit", Value::object({{"lastDay", last_day}})}});
    set("lastAuditDay", std::move(last_day));
    set("finding", finding);
    set("findings", Value::list({finding}));
    set("auditType", Value::string(std::string(in_.audit_type)));
    set("stage", Value::string(stage_name_));
    if (!holidays_.is_null()) set("holidays", holidays_);
    Value out;
    EvalEnv sub(pack_, env_.catalogs, env_.locale, env_.today);
    sub.request = &origins;
    AnswerText issues;
    bool errors = false;
    if (!call_program("findingDeadlines", Value::object(std::move(in)), sub, out)) {
      if (sub.failure && sub.failure->internal) {
        env_.failure = sub.failure;
        return false;
      }
      std::string reason =
          sub.failure ? env_.catalogs.render(env_.locale, *sub.failure, &pack_.messages) : std::string();
      issue(issues, a.issue_count, errors, "grade", true, kDeadlineUnknown, "validate_deadline_unknown",
            form_.rule, {{"reason", reason}});
      a.issues = issues.take();
      return true;
    }
    const Value* list = out.find("deadlines");
    if (!list || !list->is_list()) return true;
    const std::string& placeholder = stand_in ? id_stand_in() : std::string();
    List processed;
    AnswerText json;
    json.raw('[');
    for (std::size_t i = 0; i < list->as_list().size(); ++i) {
      const Value& d = list->as_list()[i];
      Members m = d.as_object();
      std::optional<Date> end;
      for (const char* key : {"dueDate", "to"}) {
        if (end) break;
        if (const Value* v = d.find(key)) {
          if (v->is_date()) end = v->as_date();
          else if (v->is_string()) end = Date::parse(v->as_string());
        }
      }
      const Value* kind = d.find("kind");
      std::string kind_label;
      // A deadline the pack labels itself keeps its label, as the deadlines operation does.
      const Value* own = d.find("label");
      if (own && own->is_string()) kind_label = own->as_string();
      else if (kind && kind->is_string()) kind_label = deadline_label(kind->as_string());
      if (!own && kind && kind->is_string()) m.emplace_back("label", Value::string(kind_label));
      // Only the client's own deadlines are overdue for it; the body's steps are dates to know.
      const char* party = kind && kind->is_string() ? form_.party(kind->as_string()) : "client";
      bool clients = std::string_view(party) == "client";
      if (kind && kind->is_string()) m.emplace_back("party", Value::string(party));
      a.kinds.emplace_back(kind && kind->is_string() ? kind->as_string() : std::string(1, '\0'), end);
      if (end && today_) {
        std::int64_t left = today_->days_until(*end);
        m.emplace_back("daysLeft", Value::number(Exact(left)));
        if (left < 0 && clients) {
          const Value* rule = d.find("rule");
          std::string where = "deadlines/" + std::to_string(i);
          std::string date = end->to_text(env_.locale), days = std::to_string(-left);
          issue(issues, a.issue_count, errors, where, true, kOverdue, "validate_overdue",
                rule && rule->is_string() ? rule->as_string() : form_.rule,
                {{"kind", kind_label}, {"date", date}, {"days", days}});
        }
      }
      Value entry = with_cites(Value::object(std::move(m)), pack_.sources, pack_.cites_memo.get());
      if (i) json.raw(',');
      write_marking_id(entry, placeholder, json, a.id_at);
      processed.push_back(std::move(entry));
    }
    json.raw(']');
    a.deadlines = json.take();
    a.issues = issues.take();
    Value send_by = with_cites(send_by_of(processed), pack_.sources, pack_.cites_memo.get());
    AnswerText sb;
    sb.value(send_by);
    a.send_by = sb.take();
    return true;
  }

  // Writes a deadline; where a text is the id's stand-in, notes the place and writes nothing.
  static void write_marking_id(const Value& v, const std::string& placeholder, AnswerText& out,
                               std::vector<std::size_t>& at) {
    if (placeholder.empty()) {
      out.value(v);
      return;
    }
    switch (v.kind()) {
      case Value::Kind::String:
        if (v.as_string() == placeholder) at.push_back(out.size());
        else out.value(v);
        return;
      case Value::Kind::List: {
        out.raw('[');
        bool first = true;
        for (const Value& x : v.as_list()) {
          if (!first) out.raw(',');
          first = false;
          write_marking_id(x, placeholder, out, at);
        }
        out.raw(']');
        return;
      }
      case Value::Kind::Object: {
        out.raw('{');
        bool first = true;
        for (const auto& m : v.as_object()) {
          if (!first) out.raw(',');
          first = false;
          out.string(m.first);
          out.raw(':');
          write_marking_id(m.second, placeholder, out, at);
        }
        out.raw('}');
        return;
      }
      default: out.value(v); return;
    }
  }

  // `id_json`: the finding's id as a JSON string.
  static void write_deadlines(const DeadlineAnswer& a, std::string_view id_json, AnswerText& out) {
    std::size_t from = 0;
    for (std::size_t at : a.id_at) {
      out.raw(std::string_view(a.deadlines).substr(from, at - from));
      out.raw(id_json);
      from = at;
    }
    out.raw(std::string_view(a.deadlines).substr(from));
  }

  // The date by which the client must send: the first deadline the form names for it, less
  // the body's review time where a source gives one (docs/validate.md, sendBy).
  Value send_by_of(const List& deadlines) {
    for (const SendBy& s : form_.send_by) {
      for (const Value& d : deadlines) {
        const Value* k = d.find("kind");
        if (!k || !k->is_string() || k->as_string() != s.kind) continue;
        std::optional<Date> due;
        for (const char* key : {"dueDate", "to"}) {
          if (due) break;
          if (const Value* v = d.find(key)) {
            if (v->is_date()) due = v->as_date();
            else if (v->is_string()) due = Date::parse(v->as_string());
          }
        }
        if (!due) continue;
        std::optional<Date> date = s.has_review ? due->add_days(-s.review_days) : due;
        if (!date) continue;
        const char* basis = s.clients      ? "submission_deadline"
                            : s.has_review ? "body_deadline_less_review"
                                           : "body_deadline";
        const std::string& kind_label = deadline_label(s.kind);
        Params params = {{"date", date->to_text(env_.locale)},
                         {"deadline", due->to_text(env_.locale)},
                         {"kind", kind_label},
                         {"days", std::to_string(s.review_days)}};
        ObjectBuilder b;
        b.set("date", Value::date(*date)).set("kind", Value::string(s.kind));
        b.set("basis", Value::string(basis));
        if (s.has_review) b.set("reviewDays", Value::number(Exact(s.review_days)));
        b.set("deadline", Value::date(*due));
        if (today_) b.set("daysLeft", Value::number(Exact(today_->days_until(*date))));
        b.set("message", Value::string(render(std::string("send_by_") + basis, params)));
        b.set("rule", Value::string(s.rule));
        return b.build();
      }
    }
    return Value();
  }

  bool submission_issues() {
    if (!pack_.programs.count("submissionIssues")) return true;
    List findings;
    findings.reserve(in_.findings.size());
    // Findings alike in the fields the program reads share one object (Values are immutable),
    // which also lets a loop over them skip runs (evaluate.cpp). One text field read: keyed
    // by that text itself.
    std::unordered_map<std::string, Value> alike;
    std::unordered_map<std::string_view, Value> alike_text;
    Value absent;
    const std::uint16_t fields = submission_fields_;
    const bool one_text = fields && !(fields & (fields - 1)) && !(fields >> kEvidence & 1u);
    const unsigned field = one_text ? static_cast<unsigned>(__builtin_ctz(fields)) : 0;
    for (const FindingIn& f : in_.findings) {
      if (f.checked) {
        findings.push_back(*f.checked);
        continue;
      }
      if (one_text) {
        if (!f.has(field)) {
          if (absent.is_null()) absent = finding_value(f, fields, false);
          findings.push_back(absent);
          continue;
        }
        auto it = alike_text.find(f.text[field]);
        if (it == alike_text.end()) it = alike_text.emplace(f.text[field], finding_value(f, fields, false)).first;
        findings.push_back(it->second);
        continue;
      }
      submission_key_.clear();
      memo_key(f, fields, submission_key_);
      auto it = alike.find(submission_key_);
      if (it == alike.end()) it = alike.emplace(submission_key_, finding_value(f, fields, false)).first;
      findings.push_back(it->second);
    }
    Value in = Value::object({{"findings", Value::list(std::move(findings))},
                              {"audit", audit_},
                              {"stage", Value::string(stage_name_)},
                              {"today", today_ ? Value::date(*today_) : Value()}});
    Value out;
    if (!call_program("submissionIssues", in, env_, out)) return false;
    if (const Value* list = out.find("issues"); list && list->is_list()) {
      for (const Value& issue : list->as_list()) {
        if (top_count_++) top_.raw(',');
        write_cited(issue, top_, true);
        const Value* sev = issue.find("severity");
        if (sev && sev->is_string() && same_text(sev->as_string(), "error")) top_errors_ = true;
      }
    }
    return true;
  }

  // Writes what top_.value(with_cites(v, ...)) writes, without building the cited copy first
  // (a program's issues: the copy cost more than the rest of writing them). `issue`: v is one of
  // the program's issues, whose members mostly repeat the issue before (see written_members_).
  void write_cited(const Value& v, AnswerText& out, bool issue = false) {
    if (v.is_list()) {
      out.raw('[');
      bool first = true;
      for (const Value& x : v.as_list()) {
        if (!first) out.raw(',');
        first = false;
        write_cited(x, out);
      }
      out.raw(']');
      return;
    }
    if (!v.is_object()) {
      out.value(v);
      return;
    }
    const Members& members = v.as_object();
    std::string own;
    std::string& cited = issue ? issue_cited_ : own;  // an issue's: no allocation per issue
    cited.clear();
    const std::size_t after = cites_place(members, cited);
    out.raw('{');
    bool first = true;
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto& kv = members[i];
      if (after != members.size() && same_text(kv.first, "cites")) continue;  // replaced below
      if (!first) out.raw(',');
      first = false;
      WrittenMember* same = nullptr;
      if (issue && kv.second.is_string()) {
        if (written_members_.size() <= i) written_members_.resize(i + 1);
        same = &written_members_[i];
      }
      if (same && same->value.is_string() && &same->value.as_string() == &kv.second.as_string() &&
          same_text(same->key, kv.first)) {
        out.raw(same->text);
      } else {
        const std::size_t from = out.size();
        out.string(kv.first);
        out.raw(':');
        write_cited(kv.second, out);
        if (same) {
          same->key = kv.first;
          same->value = kv.second;
          same->text.assign(out.view().substr(from));
        }
      }
      if (i == after) {
        out.raw(",\"cites\":");
        out.raw(cites_text(cited));
      }
    }
    out.raw('}');
  }

  // The cites of a program's issue as written, once per distinct citing text of the request:
  // most issues of a program cite the same rule.
  std::string_view cites_text(const std::string& cited) {
    if (last_cites_ && same_text(last_cites_->first, cited)) return last_cites_->second;
    auto it = cites_texts_.find(cited);
    if (it == cites_texts_.end()) {
      AnswerText text;
      text.value(pack_.cites_memo->get(cited, pack_.sources));  // a Pack always has its memo
      it = cites_texts_.emplace(cited, text.take()).first;
    }
    last_cites_ = &*it;  // a map's elements stay put
    return it->second;
  }

  static const std::string kBackdated;

  const ValidateIn& in_;
  EvalEnv& env_;
  const Pack& pack_;
  const FormSpec& form_;
  const ValidatePlan& plan_;
  bool memo_ = false;
  std::uint16_t expression_fields_ = 0, deadline_fields_ = 0, submission_fields_ = 0;
  std::string stage_name_;  // the stage, or "full" when the request names none
  Value audit_ = Value::object({});
  Value holidays_;
  std::optional<Date> first_day_, last_day_, today_;
  std::int64_t max_bytes_ = 0;
  std::vector<char> active_;  // per check: its stage and audit type filters pass
  static constexpr std::size_t kGradeChecksMax = 16;
  std::vector<std::pair<std::string, std::vector<std::size_t>>> grade_checks_;  // checks_for()
  std::vector<std::size_t> other_grade_checks_;

  AnswerText top_;
  std::size_t top_count_ = 0;
  bool top_errors_ = false;
  AnswerText issues_;  // the current finding's
  std::size_t issue_count_ = 0;
  bool errors_ = false;

  std::vector<std::string> same_issues_;  // per check: its issue as written, where the same for every finding
  std::vector<const Shape*> shapes_;  // per check: its message, its backdated one (held_ keeps them)
  std::deque<Shape> held_;
  std::string shape_key_;
  std::deque<std::pair<std::string, std::string_view>> labels_;  // views into the memo or own_labels_
  std::deque<std::string> own_labels_;
  std::unordered_map<std::string, std::string> deadline_labels_;
  std::vector<Actions> actions_;
  AnswerText id_json_;  // the current finding's id as a JSON string
  std::unordered_map<std::string, const DeadlineAnswer*> deadlines_;  // in the memo or owned_deadlines_
  std::vector<std::unique_ptr<DeadlineAnswer>> owned_deadlines_;
  std::unique_ptr<DeadlineAnswer> last_deadlines_;
  std::string deadline_context_, shared_key_;
  std::unordered_map<std::string, std::pair<bool, std::uint64_t>> expressions_;
  Value context_;
  bool context_ready_ = false;

  TextBuffer normalized_[kTextFields + 2], buffer_;
  std::string_view normalized_view_[kTextFields + 2];
  unsigned normalized_mask_ = 0;
  std::int64_t counted_[kTextFields] = {};
  unsigned counted_mask_ = 0;
  std::optional<Date> dates_[kTextFields];
  unsigned dated_mask_ = 0;
  bool has_deadlines_program_ = false;
  std::string key_, deadline_key_, expression_key_, submission_key_, spaced_, scratch_, field_;
  std::vector<std::size_t> border_;
  std::unordered_set<std::string> seen_;  // with many items
  std::string names_;                     // the normalized names so far, one after another
  std::vector<std::size_t> name_ends_;
  std::unordered_map<std::string_view, bool> clauses_;
  std::unordered_map<std::string, std::string> cites_texts_;  // cites_text()
  const std::pair<const std::string, std::string>* last_cites_ = nullptr;
  // A program's issues come from a few `push` statements: most of an issue's members are the
  // very texts of the issue before (a literal, a message rendered once per run; copies of a
  // Value share their text). Per member place: the last text member written there, as written.
  // It holds a copy of its value, so no other text can take its storage's address meanwhile:
  // the same address is the same text.
  struct WrittenMember {
    std::string key;
    Value value;
    std::string text;  // "key":"value"
  };
  std::vector<WrittenMember> written_members_;
  std::string issue_cited_;
};

const std::string Runner::kDuplicateId = "duplicate_id";
const std::string Runner::kUnknownState = "unknown_state";
const std::string Runner::kNoFindings = "no_findings";
const std::string Runner::kRequired = "required";
const std::string Runner::kInvalidDate = "invalid_date";
const std::string Runner::kAfterLastDay = "after_last_day";
const std::string Runner::kDeadlineUnknown = "deadline_unknown";
const std::string Runner::kOverdue = "overdue";
const std::string Runner::kBackdated = "form_deadline_backdated";

}  // namespace

const std::vector<FieldSpec>& validate_fields() {
  static const std::vector<FieldSpec> kFields = make_validate_fields();
  return kFields;
}

bool run_validate(const ValidateIn& in, EvalEnv& env, std::string& answer) {
  return Runner(in, env).run(answer);
}

}  // namespace certcalc
