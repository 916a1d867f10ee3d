// measure — run a command N times and report wall time and peak RSS.
//
//   measure [--runs N] [--warmup K] [--label L] [--rm PATH]... [--show-output] -- command args...
//
// Each run forks, execs the command (PATH is searched) and reaps it with wait4(), whose
// rusage gives the child's peak resident set size (ru_maxrss, KiB). Wall time is taken with
// CLOCK_MONOTONIC around fork..wait4, so it includes exec and dynamic loading, as a user
// would see it. --warmup runs the command K extra times first and does not count them (to
// fill the page cache). --rm PATH deletes PATH before every run, untimed, so that a tool
// which refuses to overwrite (or which appends) starts from the same state each time.
// The command's stdout goes to /dev/null unless --show-output is given; stderr is kept.
//
// Output, one line per counted run and then a summary, all "key=value" so that scripts can
// pick fields out with sed/awk:
//   run label=L i=1 wall_ms=12.345 user_ms=10.000 sys_ms=2.000 maxrss_kb=4567 status=0
//   summary label=L runs=5 median_ms=12.345 min_ms=12.001 max_ms=13.000 max_rss_kb=4600
//
// Exit status: 0 if every run exited 0; otherwise 1 (after the summary) — a failing command
// makes the measurement meaningless, so the caller should stop. 2 on a usage error.
//
// Note: ru_maxrss is the high-water mark of the process's memory image, and Linux counts the
// pre-exec image of the forked child too (the copy of this small program, ~1-2 MB with
// shared libraries mostly not yet touched in the child), so a few hundred KB to ~2 MB is a
// floor under every figure; /usr/bin/time has the same floor.

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Options {
    int runs = 5;
    int warmup = 0;
    std::string label = "run";
    std::vector<std::string> remove;
    bool show_output = false;
    std::vector<char*> command; // null-terminated argv
};

struct Sample {
    double wall_ms = 0;
    double user_ms = 0;
    double sys_ms = 0;
    long maxrss_kb = 0;
    int status = 0; // exit code, or 128 + signal
};

[[noreturn]] void usage(const char* why) {
    if (why)
        std::fprintf(stderr, "measure: %s\n", why);
    std::fprintf(stderr,
                 "usage: measure [--runs N] [--warmup K] [--label L] [--rm PATH]... [--show-output] -- command "
                 "args...\n");
    std::exit(2);
}

int parse_count(const char* text, const char* what, int minimum) {
    int value = 0;
    std::string_view s(text);
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || value < minimum) {
        std::string why = std::string("bad value for ") + what + ": '" + text + "'";
        usage(why.c_str());
    }
    return value;
}

Options parse(int argc, char** argv) {
    Options o;
    int i = 1;
    auto value = [&](const char* name) -> char* {
        if (i + 1 >= argc) {
            std::string why = std::string(name) + " needs a value";
            usage(why.c_str());
        }
        return argv[++i];
    };
    for (; i < argc; ++i) {
        std::string_view a(argv[i]);
        if (a == "--") {
            ++i;
            break;
        } else if (a == "--runs") {
            o.runs = parse_count(value("--runs"), "--runs", 1);
        } else if (a == "--warmup") {
            o.warmup = parse_count(value("--warmup"), "--warmup", 0);
        } else if (a == "--label") {
            o.label = value("--label");
        } else if (a == "--rm") {
            o.remove.emplace_back(value("--rm"));
        } else if (a == "--show-output") {
            o.show_output = true;
        } else if (a == "-h" || a == "--help") {
            usage(nullptr);
        } else {
            std::string why = "unknown option '" + std::string(a) + "' (put the command after --)";
            usage(why.c_str());
        }
    }
    if (i >= argc)
        usage("no command given after --");
    for (; i < argc; ++i)
        o.command.push_back(argv[i]);
    o.command.push_back(nullptr);
    return o;
}

double ms_between(const timespec& a, const timespec& b) {
    return static_cast<double>(b.tv_sec - a.tv_sec) * 1e3 + static_cast<double>(b.tv_nsec - a.tv_nsec) / 1e6;
}

double ms_of(const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
}

Sample run_once(const Options& o) {
    for (const std::string& path : o.remove)
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            std::fprintf(stderr, "measure: cannot remove %s: %s\n", path.c_str(), std::strerror(errno));

    timespec start{}, stop{};
    ::clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("measure: fork");
        std::exit(1);
    }
    if (pid == 0) {
        if (!o.show_output) {
            int null = ::open("/dev/null", O_WRONLY);
            if (null >= 0) {
                ::dup2(null, STDOUT_FILENO);
                ::close(null);
            }
        }
        ::execvp(o.command[0], o.command.data());
        std::fprintf(stderr, "measure: cannot run %s: %s\n", o.command[0], std::strerror(errno));
        ::_exit(127);
    }
    int status = 0;
    rusage usage{};
    pid_t got;
    do {
        got = ::wait4(pid, &status, 0, &usage);
    } while (got < 0 && errno == EINTR);
    ::clock_gettime(CLOCK_MONOTONIC, &stop);
    if (got < 0) {
        std::perror("measure: wait4");
        std::exit(1);
    }

    Sample s;
    s.wall_ms = ms_between(start, stop);
    s.user_ms = ms_of(usage.ru_utime);
    s.sys_ms = ms_of(usage.ru_stime);
    s.maxrss_kb = usage.ru_maxrss;
    s.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return s;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    bool failed = false;

    for (int i = 0; i < o.warmup; ++i) {
        Sample s = run_once(o);
        if (s.status != 0) {
            std::printf("warmup label=%s i=%d status=%d\n", o.label.c_str(), i + 1, s.status);
            failed = true;
        }
    }

    std::vector<Sample> samples;
    for (int i = 0; i < o.runs; ++i) {
        Sample s = run_once(o);
        std::printf("run label=%s i=%d wall_ms=%.3f user_ms=%.3f sys_ms=%.3f maxrss_kb=%ld status=%d\n",
                    o.label.c_str(), i + 1, s.wall_ms, s.user_ms, s.sys_ms, s.maxrss_kb, s.status);
        std::fflush(stdout);
        failed = failed || s.status != 0;
        samples.push_back(s);
    }

    std::vector<double> wall, user, sys;
    long max_rss = 0;
    for (const Sample& s : samples) {
        wall.push_back(s.wall_ms);
        user.push_back(s.user_ms);
        sys.push_back(s.sys_ms);
        max_rss = std::max(max_rss, s.maxrss_kb);
    }
    std::printf("summary label=%s runs=%d median_ms=%.3f min_ms=%.3f max_ms=%.3f median_user_ms=%.3f "
                "median_sys_ms=%.3f max_rss_kb=%ld failed=%d\n",
                o.label.c_str(), o.runs, median(wall), *std::min_element(wall.begin(), wall.end()),
                *std::max_element(wall.begin(), wall.end()), median(user), median(sys), max_rss, failed ? 1 : 0);
    return failed ? 1 : 0;
}
