// Asks for 10 GB at once: std::bad_alloc under the address-space limit, then abort.
#include <cstdio>
#include <vector>

int main() {
  std::vector<char> huge(10'000'000'000);
  huge[huge.size() - 1] = 1;
  std::printf("allocated %zu bytes\n", huge.size());
}
