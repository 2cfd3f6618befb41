#include <inotifytools/inotify.h>
#include <inotifytools/inotifytools.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <unistd.h>

/* GNU extensions the spool needs that Swift's Glibc module does not import. */

/* rename(2) that fails with EEXIST instead of replacing the target (renameat2 RENAME_NOREPLACE). */
static inline int spool_rename_noreplace(const char *from, const char *to) {
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, 1u);
}

extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *, int);

/* Closes every descriptor >= from in a spawned child (glibc 2.34+). */
static inline int spool_spawn_closefrom(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}
