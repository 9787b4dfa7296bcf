import { checkPublicUrl, literalAddress, refusedAddress } from "./public-address";

describe("webhook URL", () => {
  it("must be https, without credentials or fragment", () => {
    expect(checkPublicUrl("https://billing.example.kz/hooks?x=1", false).ok).toBe(true);
    for (const url of [
      "http://billing.example.kz/hooks",
      "ftp://billing.example.kz/",
      "https://user:pass@billing.example.kz/",
      "https://billing.example.kz/#x",
      "not a url",
      `https://billing.example.kz/${"a".repeat(500)}`,
    ]) {
      expect(checkPublicUrl(url, false).ok).toBe(false);
    }
  });

  it("may be plain http only with the test setting", () => {
    expect(checkPublicUrl("http://127.0.0.1:8080/", true).ok).toBe(true);
    expect(checkPublicUrl("http://127.0.0.1:8080/", false).ok).toBe(false);
  });

  it("reads an address literal, with or without brackets", () => {
    expect(literalAddress(new URL("https://[::1]:8443/"))).toBe("::1");
    expect(literalAddress(new URL("https://10.0.0.1/"))).toBe("10.0.0.1");
    expect(literalAddress(new URL("https://billing.example.kz/"))).toBeNull();
  });
});

describe("webhook address", () => {
  it.each([
    "127.0.0.1",
    "::1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254", // cloud metadata
    "100.100.100.200", // Alibaba metadata (carrier-grade NAT)
    "fd00:ec2::254", // AWS IPv6 metadata (unique-local)
    "fe80::1",
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "255.255.255.255",
    "::ffff:10.0.0.1", // IPv4-mapped
    "::ffff:127.0.0.1",
    "2002:a00::1", // 6to4 of 10.0.0.1
    "64:ff9b::a00:1", // NAT64 of 10.0.0.1
    "192.0.2.1",
  ])("refuses %s", (address) => {
    expect(refusedAddress(address, false)).not.toBeNull();
  });

  it.each(["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111"])("allows %s", (address) => {
    expect(refusedAddress(address, false)).toBeNull();
  });

  it("lets loopback through only with the test setting, and nothing else more", () => {
    expect(refusedAddress("127.0.0.1", true)).toBeNull();
    expect(refusedAddress("::1", true)).toBeNull();
    expect(refusedAddress("10.0.0.1", true)).not.toBeNull();
    expect(refusedAddress("169.254.169.254", true)).not.toBeNull();
  });
});
