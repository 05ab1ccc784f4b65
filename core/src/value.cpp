#include "value.h"

#include <cstdint>
#include <functional>
#include <new>

#include "same_bytes.h"

namespace certcalc {
namespace {
const List kEmptyList;
const Members kEmptyMembers;
}  // namespace

const Exact Value::kZero;
const Date Value::kEpoch;
const std::string Value::kEmptyText;

Value Value::boolean(bool b) {
  Value v;
  v.kind_ = Kind::Bool;
  v.bool_ = b;
  return v;
}

Value Value::number(const Exact& n) {
  Value v;
  v.kind_ = Kind::Number;
  v.num_ = n;
  return v;
}

Value Value::unrepresentable_number(std::string text) {
  Value v;
  v.kind_ = Kind::Number;
  v.bad_number_ = true;
  v.text_ = true;
  v.items_ = std::make_shared<const std::string>(std::move(text));
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.kind_ = Kind::String;
  v.text_ = true;
  v.items_ = std::make_shared<const std::string>(std::move(s));
  return v;
}

Value Value::date(const Date& d) {
  Value v;
  v.kind_ = Kind::Date;
  new (&v.date_) Date(d);
  return v;
}

Value Value::list(List items) {
  Value v;
  v.kind_ = Kind::List;
  v.items_ = std::make_shared<const List>(std::move(items));
  return v;
}

Value Value::object(Members members) {
  Value v;
  v.kind_ = Kind::Object;
  v.items_ = std::make_shared<const Members>(std::move(members));
  return v;
}

const List& Value::as_list() const {
  return kind_ == Kind::List && items_ ? *static_cast<const List*>(items_.get()) : kEmptyList;
}
const Members& Value::as_object() const {
  return kind_ == Kind::Object && items_ ? *static_cast<const Members*>(items_.get()) : kEmptyMembers;
}

const Value* Value::find(std::string_view key) const {
  if (kind_ != Kind::Object || !items_) return nullptr;
  for (const auto& m : *static_cast<const Members*>(items_.get()))
    if (same_text(m.first, key)) return &m.second;
  return nullptr;
}

bool Value::equals(const Value& o) const {
  if (kind_ != o.kind_) return false;
  switch (kind_) {
    case Kind::Null: return true;
    case Kind::Bool: return bool_ == o.bool_;
    case Kind::Number:
      if (bad_number_ || o.bad_number_) return bad_number_ == o.bad_number_ && as_string() == o.as_string();
      return num_ == o.num_;
    case Kind::String: return as_string() == o.as_string();
    case Kind::Date: return date_ == o.date_;
    case Kind::List: {
      const List& a = as_list();
      const List& b = o.as_list();
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i)
        if (!a[i].equals(b[i])) return false;
      return true;
    }
    case Kind::Object: {
      const Members& a = as_object();
      const Members& b = o.as_object();
      if (a.size() != b.size()) return false;
      for (const auto& m : a) {
        const Value* other = o.find(m.first);
        if (!other || !m.second.equals(*other)) return false;
      }
      return true;
    }
  }
  return false;
}

namespace {
std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}
}  // namespace

std::size_t Value::hash() const {
  std::uint64_t h = static_cast<std::uint64_t>(kind_) + 1;
  switch (kind_) {
    case Kind::Null: break;
    case Kind::Bool: h = mix(h, bool_); break;
    case Kind::Number:
      // equals compares a number too large for an Exact by its text, never with an Exact.
      if (bad_number_) h = mix(mix(h, 1), std::hash<std::string>()(as_string()));
      else h = mix(mix(h, static_cast<std::uint64_t>(num_.num())), static_cast<std::uint64_t>(num_.den()));
      break;
    case Kind::String: h = mix(h, std::hash<std::string>()(as_string())); break;
    case Kind::Date: h = mix(h, static_cast<std::uint64_t>(date_.serial())); break;
    case Kind::List:
      for (const Value& x : as_list()) h = mix(h, x.hash());
      break;
    case Kind::Object: {
      // A sum: the same members in another order (equal objects) give the same hash. Each key
      // is there once (the parser refuses duplicates, `object` and merges write a key once).
      std::uint64_t sum = 0;
      for (const auto& m : as_object()) sum += mix(std::hash<std::string>()(m.first), m.second.hash());
      h = mix(h, sum);
      break;
    }
  }
  return static_cast<std::size_t>(h);
}

const char* Value::kind_name(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Date: return "a date";
    case Kind::List: return "a list";
    case Kind::Object: return "an object";
  }
  return "a value";
}

ObjectBuilder& ObjectBuilder::set(std::string key, Value v) {
  for (auto& m : members_) {
    if (m.first == key) {
      m.second = std::move(v);
      return *this;
    }
  }
  members_.emplace_back(std::move(key), std::move(v));
  return *this;
}

}  // namespace certcalc
