/* A system call of the x32 ABI (its numbers have bit 30 set) from an x86-64 program: the seccomp
   filter's rules name the x86-64 calls only, so it kills the process (SIGSYS) rather than let a
   call of another ABI past them. */
#include <unistd.h>
#include <sys/syscall.h>

int main(void) {
  syscall(0x40000000 | SYS_getpid);
  return 0;
}
