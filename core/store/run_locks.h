#pragma once
// Which runs are still in progress, told by the kernel rather than by process ids.
//
// The process that runs run N holds an open-file-description lock (F_OFD_SETLK) on byte N of
// `<store>-runlock`, a file beside the store. The kernel drops the lock when the process dies,
// however it dies, and the lock is seen by every process that opens the file, in whatever PID
// namespace (container, sandbox) it lives. A PID, by contrast, means nothing outside its own
// namespace and may be reused. The lock file holds no data; it may be deleted when no run is
// in progress.
#include <cstdint>
#include <set>
#include <string>

namespace metacf {

class RunLocks {
 public:
  RunLocks() = default;
  // `may_create`: the lock file is created when missing (a store opened for writing); a
  // read-only store only looks at it, and a missing file means no run is in progress.
  RunLocks(const std::string& store_path, bool may_create);
  RunLocks(const RunLocks&) = delete;
  RunLocks& operator=(const RunLocks&) = delete;
  RunLocks(RunLocks&& other) noexcept;
  RunLocks& operator=(RunLocks&& other) noexcept;
  ~RunLocks();

  [[nodiscard]] static std::string lock_path(const std::string& store_path);

  // Takes the lock of `run_id` for this connection; throws StoreError if another holds it or
  // the lock file cannot be written.
  void acquire(std::int64_t run_id);
  void release(std::int64_t run_id) noexcept;
  // True while some connection (this one included) holds the run's lock.
  [[nodiscard]] bool held(std::int64_t run_id) const;

 private:
  void close() noexcept;

  int fd_ = -1;
  std::string path_;
  std::set<std::int64_t> own_;  // OFD locks never conflict with their own description
};

}  // namespace metacf
