#include "core/store/run_locks.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/store/store_error.h"

namespace metacf {
namespace {

struct flock byte_of(std::int64_t run_id, short type) {
  struct flock lock {};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  lock.l_start = static_cast<off_t>(run_id);
  lock.l_len = 1;
  lock.l_pid = 0;  // required by OFD locks
  return lock;
}

}  // namespace

std::string RunLocks::lock_path(const std::string& store_path) { return store_path + "-runlock"; }

RunLocks::RunLocks(const std::string& store_path, bool may_create) : path_(lock_path(store_path)) {
  const int flags = may_create ? O_RDWR | O_CREAT | O_CLOEXEC : O_RDONLY | O_CLOEXEC;
  fd_ = ::open(path_.c_str(), flags, 0644);
  if (fd_ < 0 && may_create) {
    throw StoreError(StoreError::Kind::kCannotOpen, path_,
                     std::string("cannot open the file that marks runs in progress: ") +
                         std::strerror(errno) + "; the store's folder must be writable");
  }
}

RunLocks::RunLocks(RunLocks&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      own_(std::move(other.own_)) {}

RunLocks& RunLocks::operator=(RunLocks&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    own_ = std::move(other.own_);
  }
  return *this;
}

RunLocks::~RunLocks() { close(); }

void RunLocks::close() noexcept {
  if (fd_ >= 0) ::close(fd_);  // drops every lock this connection holds
  fd_ = -1;
  own_.clear();
}

void RunLocks::acquire(std::int64_t run_id) {
  struct flock lock = byte_of(run_id, F_WRLCK);
  if (fd_ < 0 || fcntl(fd_, F_OFD_SETLK, &lock) != 0) {
    throw StoreError(StoreError::Kind::kBusy, path_,
                     "cannot mark run " + std::to_string(run_id) +
                         " as in progress: " + std::strerror(fd_ < 0 ? EBADF : errno));
  }
  own_.insert(run_id);
}

void RunLocks::release(std::int64_t run_id) noexcept {
  if (own_.erase(run_id) == 0) return;
  struct flock lock = byte_of(run_id, F_UNLCK);
  fcntl(fd_, F_OFD_SETLK, &lock);
}

bool RunLocks::held(std::int64_t run_id) const {
  if (own_.count(run_id) != 0) return true;
  if (fd_ < 0) return false;  // no lock file: nothing was ever started with one
  // Asks for a read lock, which any writer's lock on the byte blocks; works on a read-only fd.
  struct flock probe = byte_of(run_id, F_RDLCK);
  if (fcntl(fd_, F_OFD_GETLK, &probe) != 0) return false;
  return probe.l_type != F_UNLCK;
}

}  // namespace metacf
