#include "exact.h"

#include <cmath>
#include <limits>

namespace certcalc {
namespace {

__extension__ typedef __int128 i128;

i128 gcd128(i128 a, i128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

std::optional<Exact> make(i128 num, i128 den) {
  if (den == 0) return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  i128 g = gcd128(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  // Symmetric range keeps negation and abs() safe everywhere.
  if (num > kMax || num < -kMax || den > kMax) return std::nullopt;
  return Exact::ratio(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
}

}  // namespace

std::optional<Exact> Exact::ratio(std::int64_t num, std::int64_t den) {
  if (den == 0 || num == std::numeric_limits<std::int64_t>::min() ||
      den == std::numeric_limits<std::int64_t>::min())
    return std::nullopt;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  i128 g = gcd128(num, den);
  Exact e;
  e.num_ = static_cast<std::int64_t>(num / g);
  e.den_ = static_cast<std::int64_t>(den / g);
  if (num == 0) e.den_ = 1;
  return e;
}

std::optional<Exact> Exact::parse(const std::string& text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  bool neg = false;
  if (i < n && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
  i128 mant = 0;
  int frac_digits = 0;
  int digits = 0;
  bool dot = false;
  for (; i < n; ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      if (mant > static_cast<i128>(kMax)) return std::nullopt;
      mant = mant * 10 + (c - '0');
      if (dot) ++frac_digits;
      ++digits;
    } else if (c == '.' && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (digits == 0) return std::nullopt;
  long exp10 = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (text[i] == '-' || text[i] == '+')) eneg = text[i++] == '-';
    int edigits = 0;
    for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (exp10 < 100000) exp10 = exp10 * 10 + (text[i] - '0');
      ++edigits;
    }
    if (edigits == 0) return std::nullopt;
    if (eneg) exp10 = -exp10;
  }
  if (i != n) return std::nullopt;
  exp10 -= frac_digits;
  if (mant == 0) return Exact(0);
  i128 num = mant;
  i128 den = 1;
  for (; exp10 > 0; --exp10) {
    num *= 10;
    if (num > static_cast<i128>(kMax)) return std::nullopt;
  }
  for (; exp10 < 0; ++exp10) {
    den *= 10;
    if (den > static_cast<i128>(kMax)) {
      // More precision than we can hold: reduce first, give up only if still too fine.
      i128 g = gcd128(num, den);
      num /= g;
      den /= g;
      if (den > static_cast<i128>(kMax)) return std::nullopt;
    }
  }
  return make(neg ? -num : num, den);
}

std::optional<Exact> Exact::from_double(double d) {
  if (!std::isfinite(d) || std::fabs(d) > 1e9) return std::nullopt;
  double scaled = std::round(d * 1e9);
  return make(static_cast<i128>(static_cast<std::int64_t>(scaled)), 1000000000);
}

std::optional<Exact> Exact::add(const Exact& o) const {
  return make(static_cast<i128>(num_) * o.den_ + static_cast<i128>(o.num_) * den_,
              static_cast<i128>(den_) * o.den_);
}

std::optional<Exact> Exact::sub(const Exact& o) const {
  return make(static_cast<i128>(num_) * o.den_ - static_cast<i128>(o.num_) * den_,
              static_cast<i128>(den_) * o.den_);
}

std::optional<Exact> Exact::mul(const Exact& o) const {
  return make(static_cast<i128>(num_) * o.num_, static_cast<i128>(den_) * o.den_);
}

std::optional<Exact> Exact::div(const Exact& o) const {
  if (o.num_ == 0) return std::nullopt;
  return make(static_cast<i128>(num_) * o.den_, static_cast<i128>(den_) * o.num_);
}

std::optional<Exact> Exact::ceil_to(const Exact& step) const {
  if (step.num_ <= 0) return std::nullopt;
  auto q = div(step);
  if (!q) return std::nullopt;
  // ceil of a reduced fraction with positive denominator.
  std::int64_t n = q->num_, d = q->den_;
  std::int64_t c = n / d;
  if (n % d != 0 && n > 0) ++c;
  return Exact(c).mul(step);
}

std::optional<Exact> Exact::floor_to(const Exact& step) const {
  if (step.num_ <= 0) return std::nullopt;
  auto q = div(step);
  if (!q) return std::nullopt;
  std::int64_t n = q->num_, d = q->den_;
  std::int64_t f = n / d;
  if (n % d != 0 && n < 0) --f;
  return Exact(f).mul(step);
}

int Exact::compare(const Exact& o) const {
  i128 l = static_cast<i128>(num_) * o.den_;
  i128 r = static_cast<i128>(o.num_) * den_;
  return l < r ? -1 : (l > r ? 1 : 0);
}

std::string Exact::to_decimal(int places) const {
  if (places < 0) places = 0;
  if (places > 12) places = 12;
  // Whole numbers, most of what is written, need no rounding.
  if (den_ == 1) return std::to_string(num_);
  std::int64_t scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const bool neg = num_ < 0;
  // Round half away from zero at `places` decimals: (|n| * scale * 2 + den) / (den * 2),
  // in 64 bits when it fits (one division, where 128-bit ones are library calls in WASM).
  std::uint64_t whole = 0, frac = 0;
  const std::uint64_t n = neg ? 0 - static_cast<std::uint64_t>(num_) : static_cast<std::uint64_t>(num_);
  const std::uint64_t d = static_cast<std::uint64_t>(den_);
  if (n <= 4000000u && d <= 2000000000000000000u) {
    std::uint64_t scaled = (n * static_cast<std::uint64_t>(scale) * 2 + d) / (d * 2);
    whole = scaled / static_cast<std::uint64_t>(scale);
    frac = scaled % static_cast<std::uint64_t>(scale);
  } else {
    i128 scaled = (static_cast<i128>(n) * scale * 2 + d) / (static_cast<i128>(d) * 2);
    whole = static_cast<std::uint64_t>(scaled / scale);
    frac = static_cast<std::uint64_t>(scaled % scale);
  }
  std::string f;
  if (places > 0) {
    f = std::to_string(frac);
    f.insert(0, static_cast<std::size_t>(places) - f.size(), '0');
    while (!f.empty() && f.back() == '0') f.pop_back();
  }
  std::string out = (neg && (whole != 0 || !f.empty())) ? "-" : "";
  out += std::to_string(whole);
  if (!f.empty()) out += "." + f;
  return out;
}

}  // namespace certcalc
