// certcalc command line: reads a request (file or stdin), prints exactly one JSON document.
#include <dirent.h>
#include <sys/stat.h>
#include <limits.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "batch.h"
#include "certcalc/engine.h"
#include "json_io.h"  // the core's request limit
#include "utf8.h"     // clipped: a pasted megabyte is no option name to echo

namespace {

const char kUsage[] =
    "usage: certcalc <op> [FILE] [options]\n"
    "       certcalc batch [FILE] [--jobs N] [options]\n"
    "       certcalc --help | --version\n"
    "\n"
    "ops: schemes, describe, duration, grade, schedule, deadlines, validate, rotation\n"
    "FILE: a JSON request; '-' or nothing reads standard input\n"
    "batch: one request a line ({\"op\", \"request\", \"id\"}), one answer a line\n"
    "       ({\"id\", \"line\", \"status\", \"answer\"}) in input order, on every core\n"
    "\n"
    "options:\n"
    "  --rules DIR      load every *.json rule pack in DIR (or one pack FILE); a pack with the\n"
    "                   id of a built-in pack replaces it; two files of one id are refused\n"
    "                   (may be repeated)\n"
    "  --locale xx      answer in en, nl, it, de or fr (replaces the request's locale)\n"
    "  --today DATE     the current date (YYYY-MM-DD) for requests without \"today\"\n"
    "  --pretty         indent the JSON answer (not with batch)\n"
    "  --jobs N         batch: answer on N threads (default: one per processor)\n"
    "  (--name VALUE and --name=VALUE are the same; each option but --rules is given once)\n"
    "\n"
    "stdout: the response or an error envelope {\"error\":{\"code\",\"message\",\"path\"}}\n"
    "exit status: 0 answered, 2 request error, 1 internal failure or the answer could not be\n"
    "written; batch: 0 every line answered, 2 some line is a request error, 1 some line failed\n"
    "internally, the input could not be read to its end or the answers could not be written\n"
    "docs (in the certcalc source, not installed): docs/contract.md and docs/api.md\n"
    "(operations and fields), docs/rule-language.md (rule packs), examples/ (a request and\n"
    "its answer for every operation and scheme)\n";

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

// The human line on stderr stays one line whatever the request held (a scheme with a newline
// or a NUL in it): control characters become spaces.
void say(const std::string& text) {
  std::string line = "certcalc: " + text;
  for (char& c : line)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// The first error writing stdout. An answer that never reached its reader is a failure
// (exit 1), not the answer's own status.
int write_errno = 0;

void out(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() && !write_errno)
    write_errno = errno ? errno : EIO;
}

int finish(int status) {
  if (std::fflush(stdout) != 0 && !write_errno) write_errno = errno ? errno : EIO;
  if (!write_errno && std::ferror(stdout)) write_errno = EIO;
  if (!write_errno) return status;
  say(std::string("the answer could not be written: ") + std::strerror(write_errno));
  return 1;
}

// Errors of the command line itself (before the core sees a request).
int usage_error(const std::string& code, const std::string& message) {
  out("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + json_escape(message) +
      "\",\"path\":\"\"}}\n");
  say(code + ": " + message);
  return 2;
}

int print_answer(const certcalc::Answer& answer) {
  out(answer.json + "\n");
  if (answer.status != certcalc::Answer::Status::Ok) say(answer.summary);
  return static_cast<int>(answer.status);
}

// The core refuses a request over its limit as too_large whatever the rest holds, so one byte
// past the limit is all it needs: an endless input (/dev/zero) is refused, not held in memory.
constexpr std::size_t kMaxRequest = certcalc::ParseLimits{}.max_bytes + 1;

bool read_all(std::FILE* f, std::string& out) {
  char buf[65536];
  std::size_t n;
  while (out.size() < kMaxRequest &&
         (n = std::fread(buf, 1, std::min(sizeof buf, kMaxRequest - out.size()), f)) > 0)
    out.append(buf, n);
  return !std::ferror(f);
}

bool read_file(const std::string& path, std::string& out) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  bool ok = read_all(f, out);
  std::fclose(f);
  return ok;
}

// Why a file could not be read, for the message ("No such file or directory", "Is a directory").
std::string reason() { return errno ? std::string(": ") + std::strerror(errno) : std::string(); }

// The file a path names, whatever way it is written (the same directory given twice).
std::string same_file(const std::string& path) {
  char buf[PATH_MAX];
  return realpath(path.c_str(), buf) ? std::string(buf) : path;
}

std::string local_today() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// The id in load_pack's answer, `{"loaded":{"id":"...",...`, as written there (escapes kept).
std::string loaded_id(const std::string& json) {
  const std::string head = "{\"loaded\":{\"id\":\"";
  if (json.compare(0, head.size(), head) != 0) return json;
  std::size_t i = head.size();
  while (i < json.size() && json[i] != '"') i += json[i] == '\\' ? 2 : 1;
  return json.substr(head.size(), i - head.size());
}

// Every *.json in a directory (sorted), or the path itself when it is a file (a pipe too:
// --rules <(...)). Else false and why.
bool pack_files(const std::string& path, std::vector<std::string>& out, std::string& why) {
  DIR* dir = opendir(path.c_str());
  if (!dir) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
      why = "cannot read rule packs from " + path + reason();
      return false;
    }
    std::fclose(f);
    out.push_back(path);
    return true;
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(dir)) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) names.push_back(name);
  }
  closedir(dir);
  // A folder that holds no pack is a mistyped path more often than a choice: the built-in pack
  // the user meant to replace would answer without a word.
  if (names.empty()) {
    why = "no rule pack (*.json) in " + path;
    return false;
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) {
    const std::string file = path + "/" + n;
    // A pipe or device named *.json would block the start until something writes to it.
    struct stat st {};
    if (stat(file.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      why = "cannot read " + file + ": not a regular file";
      return false;
    }
    out.push_back(file);
  }
  return true;
}

// A pack refused at load names the file it came from (the core names the pack by its id).
certcalc::Answer pack_named(certcalc::Answer a, const std::string& file) {
  certcalc::ParseResult r = certcalc::parse_json(a.json);
  const certcalc::Value* e = r.failure ? nullptr : r.value.find("error");
  const certcalc::Value* m = e ? e->find("message") : nullptr;
  if (!m || !m->is_string() || m->as_string().find(file) != std::string::npos) return a;
  const std::string message = m->as_string() + " (in " + file + ")";
  certcalc::Members members = e->as_object();
  for (auto& kv : members)
    if (kv.first == "message") kv.second = certcalc::Value::string(message);
  a.json = certcalc::write_json(certcalc::Value::object({{"error", certcalc::Value::object(std::move(members))}}));
  a.summary += " (in " + file + ")";
  return a;
}

int run(int argc, char** argv) {
  std::vector<std::string> positional, rule_paths;
  certcalc::CallOptions options;
  options.option_prefix = "--";  // the core says "--today must be ..." like it says "today ..."
  bool seen_locale = false, seen_today = false, seen_pretty = false, seen_jobs = false;
  bool want_help = false, want_version = false;
  certcalc_cli::BatchOptions batch;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    // --name=value and --name value are the same; a value that looks like an option is missing.
    std::string name = a, inline_value;
    bool has_inline = false;
    if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
      name = a.substr(0, a.find('='));
      inline_value = a.substr(a.find('=') + 1);
      has_inline = true;
    }
    auto value = [&](const char* what, std::string& into) -> int {
      if (has_inline) {
        if (inline_value.empty()) return usage_error("invalid_option", name + " needs " + what);
        into = inline_value;
        return 0;
      }
      // An empty value ('') is as missing as --name= is; a script's unset variable gives one.
      if (i + 1 >= argc || std::strncmp(argv[i + 1], "--", 2) == 0 || argv[i + 1][0] == '\0')
        return usage_error("invalid_option", name + " needs " + what);
      into = argv[++i];
      return 0;
    };
    auto once = [&](bool& seen) -> int {
      if (seen) return usage_error("invalid_option", name + " is given twice; give it once");
      seen = true;
      return 0;
    };
    if (name == "--help" || name == "-h" || name == "--version" || name == "--pretty") {
      if (has_inline) return usage_error("invalid_option", name + " takes no value");
      // Answered once the whole command line is read: an unknown option beside them is refused.
      if (name == "--version") {
        want_version = true;
        continue;
      }
      if (name != "--pretty") {
        want_help = true;
        continue;
      }
      if (int rc = once(seen_pretty)) return rc;
      options.indent = 2;
    } else if (name == "--locale") {
      if (int rc = once(seen_locale)) return rc;
      if (int rc = value("a locale: en, nl, it, de or fr", options.locale)) return rc;
    } else if (name == "--today") {
      if (int rc = once(seen_today)) return rc;
      if (int rc = value("a date written YYYY-MM-DD", options.today)) return rc;
    } else if (name == "--jobs") {
      if (int rc = once(seen_jobs)) return rc;
      if (int rc = value("a number of threads", batch.jobs)) return rc;
    } else if (name == "--rules") {
      std::string dir;
      if (int rc = value("a directory or a pack file", dir)) return rc;
      rule_paths.push_back(dir);
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      return usage_error("invalid_option", "unknown option " + certcalc::clipped(name, 40) +
                                               "; the options are --rules, --locale, --today, "
                                               "--pretty, --jobs, --help and --version");
    } else {
      positional.push_back(a);
    }
  }
  if (want_help) {
    out(kUsage);
    return 0;
  }
  if (want_version) {
    out(std::string("certcalc ") + certcalc::Engine::version() + "\n");
    return 0;
  }
  // Checked before anything is read: a mistyped --today or --locale never waits on stdin.
  if (options.today.empty()) options.today = local_today();
  certcalc::Engine engine;
  {
    certcalc::Answer checked = engine.check_options(options);
    if (checked.status != certcalc::Answer::Status::Ok) return print_answer(checked);
  }
  if (positional.empty() || positional.size() > 2)
    return usage_error("invalid_option", "give one operation and at most one request file (certcalc --help)");
  const std::string& op = positional[0];
  const bool is_batch = op == "batch";
  if (seen_jobs && !is_batch) return usage_error("invalid_option", "--jobs applies to batch only");
  // Refused before anything is read: a pipe that stays open would keep a typo waiting.
  if (!is_batch && !certcalc::Engine::is_operation(op)) return print_answer(engine.call(op, "", options));

  // Two files giving the same pack id: which one answers would depend on the files' names.
  std::map<std::string, std::string> loaded_from;  // pack id (as the answer writes it) -> file
  std::vector<std::string> files_read;             // each file once, however often it is named
  for (const auto& path : rule_paths) {
    std::vector<std::string> files;
    errno = 0;
    std::string why;
    if (!pack_files(path, files, why)) return usage_error("invalid_option", why);
    for (const auto& file : files) {
      const std::string real = same_file(file);
      if (std::find(files_read.begin(), files_read.end(), real) != files_read.end()) continue;
      files_read.push_back(real);
      std::string text;
      errno = 0;
      if (!read_file(file, text)) return usage_error("invalid_option", "cannot read " + file + reason());
      certcalc::Answer loaded = engine.load_pack(text, file);
      if (loaded.status != certcalc::Answer::Status::Ok) {
        print_answer(pack_named(loaded, file));
        return 2;
      }
      std::string id = loaded_id(loaded.json);
      auto [it, fresh] = loaded_from.emplace(id, file);
      if (!fresh) {
        std::string message = "rule pack " + id + " is in two --rules files, " + it->second + " and " + file +
                              ": give each pack file an id of its own";
        out("{\"error\":{\"code\":\"invalid_pack\",\"message\":\"" + json_escape(message) + "\",\"path\":\"/id\"}}\n");
        say("invalid_pack: " + message + " (at /id)");
        return 2;
      }
    }
  }

  if (is_batch) {
    if (positional.size() == 2) batch.input = positional[1];
    return certcalc_cli::run_batch(engine, options, batch, usage_error);
  }
  std::string request;
  if (positional.size() == 2 && positional[1] != "-") {
    errno = 0;
    if (!read_file(positional[1], request))
      return usage_error("unreadable_request", "cannot read request file " + positional[1] + reason());
  } else if (!(op == "schemes" && isatty(0))) {
    // Why, as a request file and batch say it ("Bad file descriptor" when stdin is closed).
    errno = 0;
    if (!read_all(stdin, request)) return usage_error("unreadable_request", "cannot read standard input" + reason());
  }

  return print_answer(engine.call(op, request, options));
}

}  // namespace

int main(int argc, char** argv) {
  // A reader gone (`| head`) is a write error the CLI reports (exit 1, one line on stderr), not
  // a silent death by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  return finish(run(argc, argv));
}
