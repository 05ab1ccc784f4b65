// The one data type of the engine: parsed requests, packs, intermediate results, responses.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "date.h"
#include "exact.h"

namespace certcalc {

class Value;
using List = std::vector<Value>;
using Members = std::vector<std::pair<std::string, Value>>;

/// An immutable JSON-like value; numbers are exact, dates are a kind of their own.
/// Copies share their text, list and object storage: a program's values are copied far more
/// often than made (a literal each time it is read, a variable each time it is used).
class Value {
 public:
  enum class Kind : unsigned char { Null, Bool, Number, String, Date, List, Object };

  Value() : num_() {}
  static Value boolean(bool b);
  static Value number(const Exact& n);
  /// A number from the input that does not fit an Exact (too large or too precise).
  static Value unrepresentable_number(std::string text);
  static Value string(std::string s);
  static Value date(const Date& d);
  static Value list(List items);
  static Value object(Members members);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_number() const { return kind_ == Kind::Number && !bad_number_; }
  bool is_unrepresentable_number() const { return kind_ == Kind::Number && bad_number_; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_date() const { return kind_ == Kind::Date; }
  bool is_list() const { return kind_ == Kind::List; }
  bool is_object() const { return kind_ == Kind::Object; }

  bool as_bool() const { return bool_; }
  const Exact& as_number() const { return kind_ == Kind::Number ? num_ : kZero; }
  /// The text of a string (or of an unrepresentable number); empty for every other kind.
  const std::string& as_string() const {
    return text_ ? *static_cast<const std::string*>(items_.get()) : kEmptyText;
  }
  const Date& as_date() const { return kind_ == Kind::Date ? date_ : kEpoch; }
  const List& as_list() const;
  const Members& as_object() const;

  /// The storage a list or an object shares with its copies (null for other kinds): two values
  /// with the same storage are the same value.
  const void* storage() const {
    return kind_ == Kind::List || kind_ == Kind::Object ? items_.get() : nullptr;
  }
  /// Which request field a number, date or text came from (0: none), for the errors a
  /// computed value raises (evaluate.cpp): the checked request tags each of its scalars, and
  /// copies and the calculations that derive a value keep the tag. Never written, never compared.
  std::uint32_t origin() const { return origin_; }
  void set_origin(std::uint32_t origin) { origin_ = origin; }

  /// Member by key, or nullptr (also when this is not an object).
  const Value* find(std::string_view key) const;
  /// Structural equality (numbers by value, objects by member order-insensitive key match).
  bool equals(const Value& o) const;
  /// A hash that agrees with equals: values equal by it hash alike (objects whatever the order
  /// of their members), so that a hash set finds what a comparison with each would.
  std::size_t hash() const;
  /// A short English name of the kind for messages: "a number", "a list", ...
  static const char* kind_name(Kind k);

 private:
  static const Exact kZero;
  static const Date kEpoch;
  static const std::string kEmptyText;

  Kind kind_ = Kind::Null;
  bool bool_ = false;
  bool bad_number_ = false;
  bool text_ = false;  ///< items_ holds a std::string (a string, or an unrepresentable number)
  std::uint32_t origin_ = 0;  // in the padding before the union: a Value grows by nothing
  // A number or a date, never both: one slot keeps a Value small (they are moved a lot).
  union {
    Exact num_;
    Date date_;
  };
  std::shared_ptr<const void> items_;  ///< the text, the List or the Members, by kind_
};

/// Builds an object member by member (keeps insertion order).
class ObjectBuilder {
 public:
  ObjectBuilder& set(std::string key, Value v);
  Value build() { return Value::object(std::move(members_)); }
  Members& members() { return members_; }

 private:
  Members members_;
};

}  // namespace certcalc
