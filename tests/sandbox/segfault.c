/* Writes through a null pointer: SIGSEGV. */
#include <stdio.h>

int main(void) {
  volatile int* nowhere = 0;
  puts("about to crash");
  fflush(stdout);
  *nowhere = 1;
  return 0;
}
