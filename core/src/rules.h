// The compiled form of a rule pack: expressions, statements, tables, operations.
// The pack language itself is documented in docs/rule-language.md.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "citations.h"
#include "clause.h"
#include "inputs.h"
#include "value.h"

namespace certcalc {

struct Expr {
  enum class Op : unsigned char {
    Literal, Var, List, Object,
    Add, Sub, Mul, Div, Min, Max, CeilTo, FloorTo,
    Eq, Ne, Lt, Le, Gt, Ge, And, Or, Not, If, In, IsNull, Coalesce,
    Lookup, Decide, Get, Length, Range, Count, Sum, Filter, Map, Find, Some, All, SortBy, Iterate, Flatten, Distinct,
    FirstRepeat, Call,
    Date, AddDays, AddWeeks, AddMonths, AddYears, AddWorkingDays, DaysBetween, StartOfYear, EndOfYear,
    Concat, StartsWith, Lower, Blank, Message, ValueLabel, ClauseNumber,
  };
  Op op = Op::Literal;
  Value literal;                   ///< Literal value
  std::vector<std::string> path;   ///< Var: dotted path split; Object: keys
  std::string name;                ///< Lookup/Decide: table; Call: program; Message: id; ValueLabel: id prefix
  std::vector<Expr> args;
  std::string pointer;             ///< where in the pack this expression is written
};

struct Stmt {
  enum class Kind : unsigned char { Let, Set, Push, Term, Say, Fail, Each, If, Merge };
  Kind kind = Kind::Let;
  std::string name;        ///< Let: variable; Set/Push: output field; Term: term label; Each: variable
  std::string index_name;  ///< Each: the variable of the item's index (name + "Index")
  /// Each: the body reads the index only in what it writes, so a run for an item that wrote
  /// nothing stands for every later run of the same item (evaluate.cpp)
  bool reusable = false;
  std::string into;        ///< Say: output list (notes, warnings, reasons, ...)
  std::string code;        ///< Fail: error code; Say: message id; Term: label message id
  std::string message_id;  ///< Fail: message id
  std::string path;        ///< Fail: JSON Pointer template
  std::string rule;        ///< citation: source file and clause
  bool has_when = false;
  Expr when;
  Expr value;              ///< Let/Set/Push/Merge value; Term days; Each list; If condition
  std::vector<std::pair<std::string, Expr>> params;
  std::vector<Stmt> body, else_body;
  std::string pointer;
};

struct Table {
  enum class Kind : unsigned char { Map, Bands, Decision };
  struct Band {
    bool has_from = false, has_to = false;
    Exact from, to;
    Value value;
  };
  struct Condition {
    std::string column;
    enum class Kind : unsigned char { Equals, Range, OneOf } kind = Kind::Equals;
    Value equals;
    bool has_from = false, has_to = false;
    Exact from, to;
    std::vector<Value> one_of;
  };
  struct Row {
    std::vector<Condition> when;
    Value then;
    std::string rule;
  };
  std::string name;
  Kind kind = Kind::Map;
  int keys = 1;           ///< Map: how many keys address a value
  Value entries;          ///< Map: nested objects
  std::vector<Band> bands;
  std::vector<Row> rows;
  std::string rule;       ///< citation of the table
  bool verified = true;   ///< false for figures not checked against the source document
  std::string notice;     ///< message id said when an unverified table is used
};

/// One per-field check of the `validate` form (docs/validate.md).
struct FormCheck {
  enum class Kind : unsigned char {
    Required, MinLength, MaxLength, DiffersFrom, BlameOnly, IsDate, DateNotBefore,
    DateWithinDeadline, OneOf, Clause, ItemNamed, ItemMediaType, ItemExtension, ItemMaxBytes,
    UniqueNames, Expr
  };
  Kind kind = Kind::Required;
  std::string field;                 ///< finding field ("rootCause", "evidence")
  std::string other;                 ///< DiffersFrom: another field
  /// DateNotBefore: fields or "audit.firstDay"/"audit.lastDay", the first one filled counts
  std::vector<std::string> others;
  /// DiffersFrom: which copies raise the issue
  enum class Match : unsigned char { Any, Same, Near } match = Match::Any;
  std::string deadline;              ///< DateWithinDeadline: the deadline kind
  std::string unless_filled;         ///< DateWithinDeadline: a field that excuses the issue
  /// DateWithinDeadline: the message when the date is before the audit (a date that proves
  /// nothing about the deadline, so the check applies as to a late one)
  std::string backdated_message;
  /// DateWithinDeadline: the DateNotBefore checks of the same field (indexes into checks)
  std::vector<std::size_t> not_before;
  std::int64_t number = 0;           ///< MinLength/MaxLength (characters), BlameOnly (max words), ItemMaxBytes
  std::vector<std::string> values;   ///< OneOf / ItemMediaType values, BlameOnly phrases
  std::vector<std::string> grades;   ///< applies to these grades only (empty: all)
  std::vector<std::string> stages;   ///< applies in these stages only: cm, oe, full (empty: all)
  std::vector<std::string> audit_types;
  bool has_when = false;
  Expr when;                         ///< extra condition over {finding, audit, stage, today}
  Expr fails;                        ///< Expr kind: true means the issue applies
  bool warning = false;
  std::string code;                  ///< stable issue code
  std::string message;               ///< message id
  std::string rule;
  std::string pointer;
};

/// The stages of a validate request: corrective measures, objective evidence, both at once.
constexpr const char* kStages[] = {"cm", "oe", "full"};
inline bool is_stage(const std::string& s) {
  for (const char* k : kStages)
    if (s == k) return true;
  return false;
}

/// Whether a check reads each item of the evidence list (the others read a text).
inline bool reads_items(FormCheck::Kind k) {
  using K = FormCheck::Kind;
  return k == K::ItemNamed || k == K::ItemMediaType || k == K::ItemExtension || k == K::ItemMaxBytes ||
         k == K::UniqueNames;
}

struct Workflow {
  struct Transition {
    std::vector<std::string> from;
    std::string action, to;
    bool requires_ready = false;
    bool customer = true;             ///< false: a certification-body step, never offered
    std::vector<std::string> stages;  ///< offered in these stages only (empty: all)
  };
  std::map<std::string, std::string> initial;  ///< stage (cm, oe, full) -> first state
  std::vector<std::string> states;
  std::vector<Transition> transitions;
  std::string rule;
};

/// Which deadline of a finding tells the client when to send (docs/validate.md, sendBy).
struct SendBy {
  std::string kind;             ///< a deadline kind of findingDeadlines
  bool clients = false;         ///< the deadline is the client's own submission date
  bool has_review = false;      ///< a source gives the body's review time
  std::int64_t review_days = 0; ///< calendar days before the body's deadline
  std::string rule;
};

struct FormSpec {
  std::vector<std::string> grades;
  std::vector<SendBy> send_by;             ///< in order of preference
  std::vector<std::string> overdue_kinds;  ///< deadlines the client must meet (empty: all)
  std::vector<FormCheck> checks;
  Workflow workflow;
  std::string rule;
  Value described;  ///< the form as written, shared data resolved (for `describe`)

  /// Whose deadline a kind is: "client" for the kinds the client itself must meet (all of them
  /// when the form names none), "body" for the certification body's steps.
  const char* party(const std::string& kind) const {
    if (overdue_kinds.empty()) return "client";
    for (const std::string& k : overdue_kinds)
      if (k == kind) return "client";
    return "body";
  }
};

struct ValidatePlan;

struct OpDef {
  std::vector<FieldSpec> fields;
  std::vector<Stmt> program;
  std::string rule;
};

struct Pack {
  std::string id, title, version, publisher, effective_date;
  bool verified = true;
  Value meta;       ///< the pack's metadata as written (for `schemes`)
  Value messages;   ///< {id: {locale: text}}
  Value data;       ///< free data the pack exposes (catalogs, workflow, form rules)
  std::map<std::string, Table> tables;
  std::map<std::string, std::vector<Stmt>> programs;
  std::map<std::string, OpDef> ops;
  std::shared_ptr<const FormSpec> form;  ///< present when the pack answers `validate`
  std::shared_ptr<const ValidatePlan> validate_plan;  ///< with the form (validate_plan.h)
  ClauseReader clauses;  ///< how the pack reads clause references (`clauseReferences`)
  std::string origin;  ///< "built-in" or where a user pack came from
  std::vector<Citation> sources;  ///< the declared sources, for the `cites` of answers
  std::shared_ptr<CitesMemo> cites_memo = std::make_shared<CitesMemo>();  ///< cites already worked out
  /// Message ids the pack uses, with the pointer of their first use.
  std::vector<std::pair<std::string, std::string>> message_refs;
};

/// Finds shared rule data (rules/shared/<name>.json's `data`) by name, or null.
using SharedData = std::function<const Value*(const std::string& name)>;

/// Replaces every {"$shared": "name", ...more} in a pack by rules/shared/name.json's data (an
/// object's extra members are merged over it; a list of checks may be spliced into `checks`).
bool resolve_shared(const Value& doc, const SharedData& shared, Value& out, Failure& failure);

/// Compiles a pack document whose shared data is resolved, its {source} citations expanded
/// first (citations.h). On a defect, returns null and sets `failure` (code invalid_pack, a
/// message naming the pack, the pointer inside the pack).
std::shared_ptr<const Pack> compile_pack(const Value& doc, const std::string& origin,
                                         Failure& failure);

}  // namespace certcalc
