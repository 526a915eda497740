// A compile-time bomb: each level instantiates two new types of the level below, 2^40 in all. The
// compiler works until the CPU-time (or wall-clock) limit stops it.
template <int Level, long Index>
struct Bomb {
  static constexpr long value = Bomb<Level - 1, 2 * Index>::value + Bomb<Level - 1, 2 * Index + 1>::value;
};
template <long Index>
struct Bomb<0, Index> {
  static constexpr long value = 1;
};

int main() { return static_cast<int>(Bomb<40, 0>::value); }
