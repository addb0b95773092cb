// Runs a function on a background thread at a fixed interval until destroyed.
#ifndef PORTAL_COMMON_UTIL_PERIODIC_TASK_H_
#define PORTAL_COMMON_UTIL_PERIODIC_TASK_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace portal {

class PeriodicTask {
 public:
  // Calls `task` after each `interval`; the first call comes one interval after start.
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task)
      : interval_(interval), task_(std::move(task)), thread_([this] { Run(); }) {}

  // Stops waiting at once; a call already running finishes first.
  ~PeriodicTask() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
      lock.unlock();
      task_();
      lock.lock();
    }
  }

  const std::chrono::milliseconds interval_;
  const std::function<void()> task_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;  // Last, so that it starts after the members it uses.
};

}  // namespace portal

#endif  // PORTAL_COMMON_UTIL_PERIODIC_TASK_H_
