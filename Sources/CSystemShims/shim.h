#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* GNU extensions the spool needs that Swift's Glibc module does not import. */

/* rename(2) that fails with EEXIST instead of replacing the target (renameat2 RENAME_NOREPLACE). */
static inline int spool_rename_noreplace(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1u);
}

/* Swaps two names atomically (renameat2 RENAME_EXCHANGE). */
static inline int spool_rename_exchange(const char *a, const char *b) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, 2u);
}

extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *, int);
extern int execvpe(const char *, char *const[], char *const[]);

/* Closes every descriptor >= from in a spawned child (glibc 2.34+). */
static inline int spool_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/* Copies up to len bytes between descriptors in the kernel (copy_file_range). */
static inline long spool_copy_file_range(int in, int out, unsigned long len) {
    return (long)syscall(SYS_copy_file_range, in, (void *)0, out, (void *)0, len, 0u);
}

/* Starts a scanner (or hook) process in one step, with no helper program in between:
 * vfork, then in the child — which runs on the parent's memory until it execs, so it makes only
 * system calls, as glibc's posix_spawn does — its own process group; SIGKILL as its
 * parent-death signal (tied to the calling thread, which must live as long as the process);
 * RLIMIT_AS set to `as_limit` bytes when not 0; stdin and stdout from `null_fd`, stderr from
 * `err_fd`, `lock_fd` on fd 3 (none when -1); every other descriptor closed; every signal
 * handler back to the default, the signals of `defaults` too, and an empty signal mask; then
 * execve (PATH searched when `path` has no slash). Returns the pid, or -errno when the child
 * could not be started (a failed exec included: the child is reaped). */
static inline pid_t spool_spawn(const char *path, char *const argv[], char *const envp[], int null_fd,
                                int err_fd, int lock_fd, unsigned long long as_limit, const sigset_t *defaults) {
    sigset_t all, old, empty;
    sigfillset(&all);
    sigemptyset(&empty);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    volatile int child_error = 0;
    pid_t parent = getpid();
    pid_t pid = vfork();
    if (pid == 0) {
        struct sigaction dfl, current;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        for (int sig = 1; sig <= 64; sig++) {  /* Linux's 64 signals */
            if (sig == SIGKILL || sig == SIGSTOP) continue;
            if (sigismember(defaults, sig) == 1
                || (sigaction(sig, 0, &current) == 0 && current.sa_handler != SIG_IGN && current.sa_handler != SIG_DFL)) {
                sigaction(sig, &dfl, 0);
            }
        }
        int failed = setpgid(0, 0) != 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) != 0;
        if (!failed && getppid() != parent) _exit(127);
        if (!failed && as_limit > 0) {
            struct rlimit limit = { (rlim_t)as_limit, (rlim_t)as_limit };
            failed = setrlimit(RLIMIT_AS, &limit) != 0;
        }
        int in = failed ? -1 : fcntl(null_fd, F_DUPFD, 10);
        int err = in < 0 ? -1 : fcntl(err_fd, F_DUPFD, 10);
        int lock = (err < 0 || lock_fd < 0) ? -1 : fcntl(lock_fd, F_DUPFD, 10);
        failed = in < 0 || err < 0 || (lock_fd >= 0 && lock < 0);
        if (!failed) failed = dup2(in, 0) < 0 || dup2(in, 1) < 0 || dup2(err, 2) < 0 || (lock >= 0 && dup2(lock, 3) < 0);
        if (!failed) {
            unsigned int first = lock >= 0 ? 4 : 3;
            long closed = -1;
#ifdef SYS_close_range
            closed = syscall(SYS_close_range, first, ~0U, 0);
#endif
            if (closed != 0) {
                for (int fd = (int)first; fd < 65536; fd++) close(fd);
            }
            sigprocmask(SIG_SETMASK, &empty, 0);
            if (strchr(path, '/')) execve(path, argv, envp); else execvpe(path, argv, envp);
        }
        child_error = errno ? errno : EINVAL;
        _exit(127);
    }
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &old, 0);
    if (pid < 0) return -saved;
    if (child_error != 0) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        return -child_error;
    }
    return pid;
}
