// Writes an output file so that readers only ever see nothing or the finished, checked file:
// a temporary file in the destination folder, fsync, then rename. The input is never opened
// for writing, and an output path that names the input is refused.
// The temporary ".NAME.kyso-XXXXXX" holds an exclusive flock for as long as it exists, so a
// temporary left by a killed process (kill -9, power cut) is the only kind that can be locked
// by someone else: the next AtomicOutput to the same NAME removes those, never a locked one.
#pragma once

#include <string>

namespace kyso {

/// Whether two paths name one file: the same inode when both exist (hard and symbolic links
/// too), else the same path once `.`, `..` and links are resolved.
bool same_file(const std::string& a, const std::string& b);

/// Throws OutputProblem when `output` is the same file as `input` (also through links).
void require_distinct_paths(const std::string& input, const std::string& output);

/// Syncs the folder that holds `path`, so that a rename into it survives a power cut; a folder
/// that cannot be opened is left as it is (the rename itself has succeeded).
void sync_folder_of(const std::string& path);

/// A temporary file beside `final_path`, renamed over it on commit, removed otherwise.
class AtomicOutput {
public:
    /// Removes stale temporaries of `final_path` (unlocked: their writer is dead), then creates
    /// this one, locked before it has a name.
    explicit AtomicOutput(std::string final_path);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    /// Appends bytes; throws OutputProblem on a short write (disk full, quota).
    void write(const char* data, size_t size);
    /// Appends everything from `input_fd`'s offset to its end, in the kernel (copy_file_range)
    /// where the file systems allow, else through a buffer; returns the number of bytes copied.
    /// Throws OutputProblem as write() does, InputUnreadable when the input cannot be read.
    size_t append_from(int input_fd);
    /// Reads up to `size` bytes of what was written, at `offset`; returns how many were read.
    size_t read_at(size_t offset, char* data, size_t size) const;
    /// Flushes to disk and closes; the temporary file can then be read back and checked.
    void finish_writing();
    /// Path of the temporary file (for the check before commit).
    const std::string& temp_path() const { return temp_path_; }
    /// Renames the temporary file into place and syncs the folder.
    void commit();

private:
    std::string final_path_;
    std::string temp_path_;
    int fd_ = -1;      // for writing; closed by finish_writing
    int lock_fd_ = -1; // a dup of fd_: keeps the flock until the temporary is renamed or removed
    bool committed_ = false;
};

} // namespace kyso
