#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
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

/* Closes every descriptor >= from in a spawned child (glibc 2.34+). */
static inline int spool_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

/* Copies up to len bytes between descriptors in the kernel (copy_file_range). */
static inline long spool_copy_file_range(int in, int out, unsigned long len) {
    return (long)syscall(SYS_copy_file_range, in, (void *)0, out, (void *)0, len, 0u);
}
