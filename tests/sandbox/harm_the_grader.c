/* Tries to stop or trace the grader, whose pid is argv[1], and everything else it can reach:
   ptrace attach, kill(grader), kill(parent), kill(-1). Prints what each call returned. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

static void report(const char* what, long result) {
  printf("%s: %s\n", what, result == 0 ? "done" : strerror(errno));
  fflush(stdout);
}

int main(int argc, char** argv) {
  const pid_t grader = argc > 1 ? (pid_t)atoi(argv[1]) : 1;
  report("ptrace attach grader", ptrace(PTRACE_ATTACH, grader, 0, 0));
  report("ptrace attach parent", ptrace(PTRACE_ATTACH, getppid(), 0, 0));
  report("kill grader", kill(grader, SIGKILL));
  report("kill parent", kill(getppid(), SIGKILL));
  report("kill all", kill(-1, SIGKILL));
  return 0;
}
