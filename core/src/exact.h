// Exact rational quantities: audit days, hours and counts without float drift.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace certcalc {

/// A reduced fraction num/den with den > 0. Arithmetic reports overflow instead of wrapping.
class Exact {
 public:
  constexpr Exact() = default;
  constexpr Exact(std::int64_t n) : num_(n), den_(1) {}  // NOLINT: integers convert implicitly

  /// num/den reduced; nullopt when den == 0 or the reduced value does not fit.
  static std::optional<Exact> ratio(std::int64_t num, std::int64_t den);
  /// A decimal literal such as "-12.125" or "3e-2"; nullopt when malformed or too large.
  static std::optional<Exact> parse(const std::string& text);
  /// The nearest value with at most 9 decimals, for doubles that came from decimal text.
  static std::optional<Exact> from_double(double d);

  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }
  bool is_integer() const { return den_ == 1; }

  std::optional<Exact> add(const Exact& o) const;
  std::optional<Exact> sub(const Exact& o) const;
  std::optional<Exact> mul(const Exact& o) const;
  std::optional<Exact> div(const Exact& o) const;
  /// Smallest multiple of step that is >= *this (step > 0).
  std::optional<Exact> ceil_to(const Exact& step) const;
  /// Largest multiple of step that is <= *this (step > 0).
  std::optional<Exact> floor_to(const Exact& step) const;

  int compare(const Exact& o) const;
  bool operator==(const Exact& o) const { return num_ == o.num_ && den_ == o.den_; }
  bool operator!=(const Exact& o) const { return !(*this == o); }
  bool operator<(const Exact& o) const { return compare(o) < 0; }
  bool operator<=(const Exact& o) const { return compare(o) <= 0; }
  bool operator>(const Exact& o) const { return compare(o) > 0; }
  bool operator>=(const Exact& o) const { return compare(o) >= 0; }

  /// Decimal text: exact when the value has at most `places` decimals, otherwise rounded
  /// half away from zero to `places`; trailing zeros trimmed ("0.333333", "2", "-1.5").
  std::string to_decimal(int places = 6) const;
  double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }

 private:
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

}  // namespace certcalc
