/* The classic fork bomb: every process forks for ever and ignores refusals. The process limit
   caps it, the wall-clock limit ends it, and the PID namespace takes every process with it. */
#include <unistd.h>

int main(void) {
  for (;;) fork();
}
