// `certcalc batch`: one reader, N workers calling the shared Engine, and the main thread writing
// the answers in input order. A ring of slots bounds what is in flight (lines and bytes), so
// memory stays flat however long the input is.
#include "batch.h"

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sched.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

// Internal helpers of the core, shared so that the batch reads UTF-8 and writes JSON strings
// and pointers exactly as the core does.
#include "failure.h"
#include "json_io.h"
#include "plain_bytes.h"
#include "utf8.h"

namespace certcalc_cli {
namespace {

using certcalc::Answer;

// The core reads requests up to 64 MiB; a line may hold one of those and its wrapper. A longer
// line is answered too_large without being kept in memory.
constexpr std::size_t kMaxLine = 64u * 1024u * 1024u + 64u * 1024u;
// What may be in flight between the reader and the writer: lines per worker, and bytes (a line
// larger than this still goes, alone).
constexpr std::size_t kLinesPerJob = 64;
constexpr std::size_t kWindowBytes = 32u * 1024u * 1024u;
// What is kept of a line too long to read: enough for an id written before the request.
constexpr std::size_t kDroppedHead = 4096;
constexpr int kMaxJobs = 256;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Whether a line, fed in pieces, is blank: spaces only, after the byte order mark a line may
// start with (the core skips one at the start of a request; a line of nothing else asks nothing).
class BlankLine {
 public:
  void feed(const char* p, std::size_t n) {
    for (; n && blank_; ++p, --n, ++at_) {
      if (in_bom_ && at_ < 3 && *p == kBom[at_]) continue;
      in_bom_ = false;
      blank_ = is_space(*p);
    }
  }
  // A mark cut short ("\xEF\xBB") is not one.
  bool blank() const { return blank_ && (!in_bom_ || at_ == 0 || at_ >= 3); }

 private:
  static constexpr const char* kBom = "\xEF\xBB\xBF";
  std::size_t at_ = 0;
  bool in_bom_ = true, blank_ = true;
};

struct LineError {
  std::string code, path, message;
};

// A batch line: {"op": "...", "request": {...} | "requestText": "...", "id": ...}.
struct Wrapper {
  std::string op;
  std::string id = "null";    // JSON text, echoed as it was written
  std::string_view request;   // the request's bytes, untouched: the core reads them
  std::string request_text;   // requestText, decoded
  bool has_op = false, has_id = false, has_request = false, has_request_text = false;
};

// Reads a line's wrapper without building values; the request is handed to the core as the
// bytes it was, so that its answer (errors and their pointers included) is the single call's.
class WrapperReader {
 public:
  explicit WrapperReader(std::string_view line) : p_(line.data()), end_(line.data() + line.size()) {}

  LineError error;  // set when read() returns false
  bool syntax = false;  // the failure was one of JSON syntax

  // The id of a line known only by its first bytes (a line too long to keep): the members are
  // read in order up to `id`, as long as each is whole in those bytes. False if it is not there.
  bool leading_id(std::string& id) {
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
    skip_space();
    if (p_ == end_ || *p_ != '{') return false;
    ++p_;
    Wrapper w;
    for (;;) {
      skip_space();
      std::string key;
      if (!string(&key, true)) return false;
      skip_space();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      skip_space();
      if (key == "id") {
        if (!member(key, w)) return false;
        skip_space();
        // The id's end must be seen: "12" could be the start of "123".
        if (p_ == end_ || (*p_ != ',' && *p_ != '}')) return false;
        id = std::move(w.id);
        return true;
      }
      if (!skip_value()) return false;
      skip_space();
      if (p_ == end_ || *p_ != ',') return false;
      ++p_;
    }
  }

  bool read(Wrapper& w) {
    if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;  // as the core does
    skip_space();
    if (p_ == end_ || *p_ != '{')
      return fail("invalid_field", "", "a batch line is a JSON object {\"op\", \"request\", \"id\"}");
    ++p_;
    skip_space();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
    } else {
      for (;;) {
        skip_space();
        std::string key;
        if (!string(&key, true)) return false;
        skip_space();
        if (p_ == end_ || *p_ != ':') return bad_syntax();
        ++p_;
        skip_space();
        if (!member(key, w)) return false;
        skip_space();
        if (p_ != end_ && *p_ == ',') {
          ++p_;
          continue;
        }
        if (p_ != end_ && *p_ == '}') {
          ++p_;
          break;
        }
        return bad_syntax();
      }
    }
    skip_space();
    if (p_ != end_) return bad_syntax();
    if (!w.has_op) return fail("missing_field", "/op", "op is required: the operation to run");
    if (w.has_request && w.has_request_text)
      return fail("invalid_field", "/requestText", "give request or requestText, not both");
    return true;
  }

 private:
  bool fail(const char* code, const std::string& path, const std::string& message) {
    error = {code, path, message};
    return false;
  }
  bool bad_syntax() {
    syntax = true;
    return fail("malformed_json", "", "the line is not valid JSON");
  }

  void skip_space() {
    while (p_ != end_ && is_space(*p_)) ++p_;
  }

  bool member(const std::string& key, Wrapper& w) {
    auto once = [&](bool& seen) {
      if (seen) return fail("duplicate_key", certcalc::pointer_append("", key), key + " appears twice in the line");
      seen = true;
      return true;
    };
    if (key == "op") {
      if (!once(w.has_op)) return false;
      if (p_ == end_ || *p_ != '"') return fail("invalid_field", "/op", "op is the name of an operation (a string)");
      return string(&w.op, true);
    }
    if (key == "id") {
      if (!once(w.has_id)) return false;
      const char* start = p_;
      if (p_ != end_ && *p_ == '"') {
        if (!string(nullptr, true)) return false;
      } else if (end_ - p_ >= 4 && std::memcmp(p_, "null", 4) == 0) {
        p_ += 4;
      } else if (p_ != end_ && (*p_ == '-' || (*p_ >= '0' && *p_ <= '9'))) {
        if (!number()) return false;
      } else {
        return fail("invalid_field", "/id", "id is a string, a number or null");
      }
      w.id.assign(start, p_);
      return true;
    }
    if (key == "request") {
      if (!once(w.has_request)) return false;
      const char* start = p_;
      if (!skip_value()) return false;
      w.request = std::string_view(start, static_cast<std::size_t>(p_ - start));
      return true;
    }
    if (key == "requestText") {
      if (!once(w.has_request_text)) return false;
      if (p_ == end_ || *p_ != '"')
        return fail("invalid_field", "/requestText", "requestText is the request as a JSON string");
      return string(&w.request_text, true);
    }
    // The key is the user's text: echoed as the core echoes an unknown field (docs/api.md, Errors).
    return fail("unknown_field", certcalc::pointer_append("", key),
                certcalc::clipped(key, 120) +
                    " is not a member of a batch line; the members are: op, request, requestText, id");
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(std::uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      int h = hex(p_[i]);
      if (h < 0) return false;
      out = out * 16 + static_cast<std::uint32_t>(h);
    }
    p_ += 4;
    return true;
  }

  // A JSON string at p_. Strict (RFC 8259, valid UTF-8, no lone surrogates) for the wrapper's
  // own members; inside a request only its end is looked for: the core judges the rest.
  bool string(std::string* out, bool strict) {
    if (p_ == end_ || *p_ != '"') return bad_syntax();
    ++p_;
    if (!strict && !out) return skip_string_body();
    for (;;) {
      const char* run = certcalc::skip_plain_bytes(p_, end_);
      if (out) out->append(p_, run);
      p_ = run;
      if (p_ == end_) return bad_syntax();
      unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c == '\\') {
        if (++p_ == end_) return bad_syntax();
        char e = *p_++;
        if (!strict) continue;
        static const char kFrom[] = "\"\\/bfnrt";
        static const char kTo[] = "\"\\/\b\f\n\r\t";
        if (const char* at = e ? std::strchr(kFrom, e) : nullptr) {
          if (out) *out += kTo[at - kFrom];
          continue;
        }
        std::uint32_t cp = 0;
        if (e != 'u' || !hex4(cp)) return bad_syntax();
        if (cp >= 0xDC00 && cp <= 0xDFFF) return bad_syntax();
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::uint32_t low = 0;
          if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return bad_syntax();
          p_ += 2;
          if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return bad_syntax();
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        if (out) certcalc::append_utf8(cp, *out);
        continue;
      }
      if (!strict) {
        ++p_;
        continue;
      }
      if (c < 0x20) return bad_syntax();
      std::size_t n = certcalc::utf8_sequence_length(p_, end_);
      if (n == 0) return bad_syntax();
      if (out) out->append(p_, n);
      p_ += n;
    }
  }

  // To the quote that ends the string: the next quote not escaped, that is, after an even run of
  // backslashes. memchr finds quotes many bytes at a time; a request is mostly strings.
  bool skip_string_body() {
    const char* const begin = p_;
    for (;;) {
      const char* q = static_cast<const char*>(std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_)));
      if (!q) {
        p_ = end_;
        return bad_syntax();
      }
      const char* b = q;
      while (b != begin && b[-1] == '\\') --b;
      p_ = q + 1;
      if ((q - b) % 2 == 0) return true;
    }
  }

  bool digits() {
    const char* s = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ != s;
  }

  // A JSON number, strictly: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number() {
    if (p_ != end_ && *p_ == '-') ++p_;
    if (p_ != end_ && *p_ == '0') {
      ++p_;
    } else if (!digits()) {
      return bad_syntax();
    }
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (!digits()) return bad_syntax();
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return bad_syntax();
    }
    if (p_ != end_ && !is_space(*p_) && *p_ != ',' && *p_ != '}') return bad_syntax();
    return true;
  }

  // Steps over one value: containers by their brackets (strings skipped as strings).
  bool skip_value() {
    if (p_ == end_) return bad_syntax();
    if (*p_ == '"') return string(nullptr, false);
    if (*p_ == '{' || *p_ == '[') {
      std::size_t depth = 0;
      while (p_ != end_) {
        char c = *p_;
        if (c == '"') {
          if (!string(nullptr, false)) return false;
          continue;
        }
        ++p_;
        if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          return true;
        }
      }
      return bad_syntax();
    }
    const char* s = p_;
    while (p_ != end_ && *p_ != ',' && *p_ != '}' && *p_ != ']' && !is_space(*p_)) ++p_;
    return p_ != s || bad_syntax();
  }

  const char* p_;
  const char* end_;
};

// Errors of the core's JSON reader: a line with one of these is not JSON at all.
bool is_json_error(const Answer& a) {
  for (const char* code : {"malformed_json:", "duplicate_key:", "too_deep:", "too_large:"})
    if (a.summary.compare(0, std::strlen(code), code) == 0) return true;
  return false;
}

std::string envelope(const LineError& e) {
  std::string out = "{\"error\":{\"code\":";
  certcalc::write_json_string(e.code, out);
  out += ",\"message\":";
  certcalc::write_json_string(e.message, out);
  out += ",\"path\":";
  certcalc::write_json_string(certcalc::bounded_pointer(e.path), out);
  out += "}}";
  return out;
}

// One slot of the ring: a line on its way in, then its answer line on its way out, in two
// pieces (the answer line is head + json + "}\n"): the answer's text is written out as the core
// made it, never copied into a line of its own.
struct Slot {
  std::string line;
  std::size_t number = 0;
  bool too_long = false;
  std::string head;  // {"id":…,"line":…,"status":…,"answer":
  std::string json;  // the answer
  int status = 0;
  bool done = false;
};

void answer(const certcalc::Engine& engine, const certcalc::CallOptions& options, Slot& s) {
  std::string id = "null";
  std::string json;
  Answer::Status status = Answer::Status::RequestError;
  if (s.too_long) {
    json = envelope({"too_large", "", "the line is longer than " + std::to_string(kMaxLine) +
                                          " bytes; it was not read"});
    WrapperReader(s.line).leading_id(id);
  } else {
    Wrapper w;
    WrapperReader reader(s.line);
    if (reader.read(w)) {
      std::string_view request = w.has_request_text ? std::string_view(w.request_text) : w.request;
      Answer a = engine.call(w.op, request, options);
      status = a.status;
      json = std::move(a.json);
    } else if (certcalc::parse_json(s.line).failure) {
      // Not JSON: the core's reader says where, in the requested language (its envelope for
      // the line, which it refuses before any operation runs).
      Answer a = engine.call("schemes", s.line, options);
      json = is_json_error(a) ? std::move(a.json) : envelope(reader.error);
    } else {
      json = envelope(reader.error);  // JSON, but not a batch line
    }
    id = std::move(w.id);
    // The reader stops at the line's first defect: an id written after it is still the line's,
    // and the caller needs it to tell which of its requests this answer is.
    if (!w.has_id && !reader.error.code.empty()) WrapperReader(s.line).leading_id(id);
  }
  s.status = static_cast<int>(status);
  s.head.clear();
  s.head += "{\"id\":";
  s.head += id;
  s.head += ",\"line\":";
  s.head += std::to_string(s.number);
  s.head += ",\"status\":";
  s.head += std::to_string(s.status);
  s.head += ",\"answer\":";
  s.json = std::move(json);
}

// Lines of a file descriptor, read in large blocks. A line longer than kMaxLine is dropped as it
// is read (only its number is kept); empty and blank lines are not requests.
class LineSource {
 public:
  explicit LineSource(int fd) : fd_(fd), buf_(1u << 20) {}

  bool failed() const { return failed_; }
  int error_number() const { return errno_; }

  // The next line that holds something; false at the end of the input.
  bool next(std::string& line, std::size_t& number, bool& too_long) {
    for (;;) {
      if (!raw(line, too_long)) return false;
      number = ++count_;
      if (too_long) {
        if (!dropped_.blank()) return true;
        continue;
      }
      BlankLine blank;
      blank.feed(line.data(), line.size());
      if (!blank.blank()) return true;
    }
  }

 private:
  bool raw(std::string& line, bool& too_long) {
    line.clear();
    too_long = false;
    dropped_ = BlankLine();
    bool any = false;
    for (;;) {
      if (pos_ == len_) {
        if (done_) break;
        ssize_t n;
        do n = ::read(fd_, buf_.data(), buf_.size());
        while (n < 0 && errno == EINTR);
        if (n <= 0) {
          failed_ = n < 0;
          if (failed_) errno_ = errno;
          done_ = true;
          break;
        }
        pos_ = 0;
        len_ = static_cast<std::size_t>(n);
      }
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
      std::size_t piece = nl ? static_cast<std::size_t>(nl - start) : len_ - pos_;
      any = true;
      // One byte more than the limit may be the CR of a CRLF ending (checked at the line's end).
      if (!too_long && line.size() + piece > kMaxLine + 1) drop(line, too_long);
      if (too_long) {
        dropped_.feed(start, piece);  // cheap: it stops at the first byte that is not a space
      } else {
        // A long line gets room for the limit at once (pages are touched only as it fills): grown
        // by doubling, a 40 MB line held 100 MB (the copies, and the freed halves malloc keeps).
        if (line.size() + piece > line.capacity())
          line.reserve(line.size() + piece > (4u << 20) ? kMaxLine + 1
                                                        : std::max(line.capacity() * 2, line.size() + piece));
        line.append(start, piece);
      }
      pos_ += piece + (nl ? 1 : 0);
      if (nl) break;
    }
    if (!any) return false;
    if (!too_long && line.size() > kMaxLine && line.back() != '\r') drop(line, too_long);
    return true;
  }

  // The line's first bytes are kept, for the id that may stand before its request.
  void drop(std::string& line, bool& too_long) {
    too_long = true;
    dropped_.feed(line.data(), line.size());
    std::string head(line, 0, std::min(line.size(), kDroppedHead));
    line.swap(head);
    line.shrink_to_fit();
  }

  int fd_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, len_ = 0, count_ = 0;
  bool done_ = false, failed_ = false;
  int errno_ = 0;
  BlankLine dropped_;  // whether the line being dropped (too long to keep) is blank so far
};

int processors() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  unsigned n = std::thread::hardware_concurrency();
  return n ? static_cast<int>(n) : 1;
}

// A request's working memory (a 500-finding validate: about 1 MB, its answer text 478 KB) is freed
// when it is answered. glibc hands blocks that large back to the kernel (mmap and munmap, heap
// trimming) and the next request faults them in again: measured on this VM, a loop of such calls
// on one thread took 294 page faults and 5.8 ms a call, 1.1 ms with the settings below. A batch
// keeps freed memory for the next request; its peak stays what the requests in flight need.
void keep_freed_memory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // the largest glibc accepts on 64-bit
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

// A line on stderr, rewritten in place, when a person is watching.
class Progress {
 public:
  Progress() : on_(isatty(2) == 1), start_(Clock::now()), last_(start_) {}
  void update(std::size_t answered, std::size_t errors, bool final) {
    if (!on_) return;
    auto now = Clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    std::fprintf(stderr, "\rcertcalc batch: %zu answered, %zu errors, %.0f/s   %s", answered, errors,
                 secs > 0 ? static_cast<double>(answered) / secs : 0.0, final ? "\n" : "");
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  Clock::time_point start_, last_;
};

// The answers' way out, written with write(2) in large blocks: a write error is seen where it
// happens, and the lines that got out before it can be counted.
class Output {
 public:
  Output() { buf_.reserve(kBlock); }

  // A piece of an answer line. A large one (a long answer) is written as it is, after what is
  // held: copied into the block, it would cost a pass over its bytes for nothing.
  void add(std::string_view piece) {
    if (piece.size() >= kBlock / 2) {
      flush();
      write_all(piece.data(), piece.size());
      return;
    }
    buf_.append(piece.data(), piece.size());
    if (buf_.size() >= kBlock) flush();
  }

  // On a write error (a full disk, a reader gone with SIGPIPE ignored) the batch stops at once:
  // nobody reads what it would compute. _Exit, because the reader thread may be blocked in read.
  void flush() {
    write_all(buf_.data(), buf_.size());
    buf_.clear();
    if (buf_.capacity() > 4 * kBlock) std::string().swap(buf_);
  }

 private:
  static constexpr std::size_t kBlock = 1u << 20;

  void write_all(const char* data, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
      ssize_t n = ::write(1, data + done, size - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail(data, done, n < 0 ? errno : EIO);
      done += static_cast<std::size_t>(n);
    }
    lines_ += count_lines(data, size);
  }

  static std::size_t count_lines(const char* data, std::size_t bytes) {
    return static_cast<std::size_t>(std::count(data, data + bytes, '\n'));
  }

  [[noreturn]] void fail(const char* data, std::size_t done, int err) const {
    const std::size_t n = lines_ + count_lines(data, done);
    std::fprintf(stderr, "certcalc: the answers could not be written after %zu line%s: %s\n", n,
                 n == 1 ? "" : "s", std::strerror(err));
    std::_Exit(1);
  }

  std::string buf_;
  std::size_t lines_ = 0;  // answer lines written whole
};

// Only digits: strtol alone would also take " 2" and "+3".
bool parse_jobs(const std::string& text, int& jobs) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  errno = 0;
  long n = std::strtol(text.c_str(), nullptr, 10);
  if (errno || n < 1 || n > kMaxJobs) return false;
  jobs = static_cast<int>(n);
  return true;
}

}  // namespace

int run_batch(const certcalc::Engine& engine, const certcalc::CallOptions& options,
              const BatchOptions& batch, UsageError usage_error) {
  if (options.indent >= 0) return usage_error("invalid_option", "--pretty does not apply to batch: every answer is one line");
  int jobs = processors();
  if (!batch.jobs.empty() && !parse_jobs(batch.jobs, jobs))
    return usage_error("invalid_option", "--jobs takes a whole number from 1 to " + std::to_string(kMaxJobs));
  int fd = 0;
  if (batch.input != "-") {
    fd = ::open(batch.input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return usage_error("unreadable_request", "cannot read batch file " + batch.input + ": " + std::strerror(errno));
  }
  // A directory opens but never reads: refused as a single call refuses it, before any line.
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    if (fd == 0) return usage_error("unreadable_request", "cannot read standard input: it is a directory");
    ::close(fd);
    return usage_error("unreadable_request", "cannot read batch file " + batch.input + ": " + std::strerror(EISDIR));
  }

  keep_freed_memory();
  const std::size_t window = kLinesPerJob * static_cast<std::size_t>(jobs);
  std::vector<Slot> ring(window);
  std::mutex m;
  std::condition_variable space, work, ready;
  std::uint64_t produced = 0, taken = 0, written = 0;
  std::size_t bytes_in_flight = 0;
  bool eof = false;
  bool read_failed = false;
  int read_errno = 0;

  std::thread reader([&] {
    LineSource source(fd);
    std::string line;
    std::size_t number = 0;
    bool too_long = false;
    while (source.next(line, number, too_long)) {
      std::unique_lock<std::mutex> lock(m);
      space.wait(lock, [&] {
        return produced - written < window &&
               (bytes_in_flight + line.size() <= kWindowBytes || produced == written);
      });
      bytes_in_flight += line.size();
      Slot& s = ring[produced % window];
      lock.unlock();
      // The slot is the reader's until `produced` moves past it.
      s.line.swap(line);
      s.number = number;
      s.too_long = too_long;
      lock.lock();
      ++produced;
      work.notify_one();
    }
    std::lock_guard<std::mutex> lock(m);
    read_failed = source.failed();
    read_errno = source.error_number();
    eof = true;
    work.notify_all();
    ready.notify_all();
  });

  std::vector<std::thread> workers;
  for (int j = 0; j < jobs; ++j) {
    workers.emplace_back([&] {
      for (;;) {
        std::unique_lock<std::mutex> lock(m);
        work.wait(lock, [&] { return taken < produced || eof; });
        if (taken == produced) return;  // eof and nothing left
        std::uint64_t seq = taken++;
        lock.unlock();
        Slot& s = ring[seq % window];
        answer(engine, options, s);
        lock.lock();
        s.done = true;
        if (seq == written) ready.notify_one();
      }
    });
  }

  Output output;
  Progress progress;
  std::size_t answered = 0, errors = 0;
  bool request_error = false, internal_error = false;
  for (;;) {
    std::unique_lock<std::mutex> lock(m);
    if (!(written < produced && ring[written % window].done) && !(eof && written == produced)) {
      // Nothing to write yet: what is written so far goes out now (a caller feeding requests
      // one at a time through a pipe waits for each answer).
      lock.unlock();
      output.flush();
      lock.lock();
      ready.wait(lock, [&] {
        return (written < produced && ring[written % window].done) || (eof && written == produced);
      });
    }
    if (eof && written == produced) break;
    Slot& s = ring[written % window];
    lock.unlock();
    output.add(s.head);
    output.add(s.json);
    output.add("}\n");
    ++answered;
    if (s.status != 0) ++errors;
    request_error = request_error || s.status == 2;
    internal_error = internal_error || s.status == 1;
    progress.update(answered, errors, false);
    std::size_t size = s.line.size();
    // A large line or answer gives its memory back; small ones keep it for the next line.
    if (s.line.capacity() > (1u << 20)) std::string().swap(s.line);
    std::string().swap(s.json);  // the core's, made for this answer
    lock.lock();
    bytes_in_flight -= size;
    s.done = false;
    ++written;
    space.notify_one();
  }
  reader.join();
  for (auto& w : workers) w.join();
  output.flush();
  progress.update(answered, errors, true);
  if (fd > 0) ::close(fd);
  if (read_failed) {
    // Why, as a single request's unreadable_request says it ("Bad file descriptor").
    std::fprintf(stderr, "certcalc: the input could not be read to its end%s%s (%zu line%s answered)\n",
                 read_errno ? ": " : "", read_errno ? std::strerror(read_errno) : "", answered,
                 answered == 1 ? "" : "s");
    return 1;
  }
  return internal_error ? 1 : request_error ? 2 : 0;
}

}  // namespace certcalc_cli
