# Asks for 10 GB at once: MemoryError under the address-space limit.
huge = bytearray(10 * 1000**3)
print("allocated", len(huge), "bytes")
