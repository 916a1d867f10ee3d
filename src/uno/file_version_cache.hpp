// What a file says (its workflow state, its state line), read once per version of the file:
// the toolbar and the state line ask on every window switch and after every command, on
// LibreOffice's main thread, and a save in place changes the file's size or modification time.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kyso::lo {

/// One version of a file as a cache knows it, with the trust anchors it was judged against.
struct FileVersion {
    long long size = -1;
    long long mtime_ns = 0;
    std::vector<std::string> trust;
    bool operator==(const FileVersion&) const = default;
};

/// The version of the file at `path`; nullopt when there is no such file.
std::optional<FileVersion> version_of(const std::string& path, const std::vector<std::string>& trust);

/// Values read from files, each kept until its file (or the trust anchors) change.
template <class Value>
class FileVersionCache {
public:
    /// The value for `path`, from `read` once per version; nullopt when there is no such file.
    std::optional<Value> get(const std::string& path, const std::vector<std::string>& trust,
                             const std::function<Value()>& read) {
        std::optional<FileVersion> version = version_of(path, trust);
        if (!version)
            return std::nullopt;
        {
            std::lock_guard lock(mutex_);
            if (auto hit = entries_.find(path); hit != entries_.end() && hit->second.first == *version)
                return hit->second.second;
        }
        Value value = read(); // outside the lock: a long file takes a while
        std::lock_guard lock(mutex_);
        entries_[path] = {*version, value};
        return value;
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::pair<FileVersion, Value>> entries_;
};

} // namespace kyso::lo
