import { clientQuotaKey, numberPrefix } from './otp-send-quota';

describe('OTP send quotas: keys', () => {
  it('counts IPv4 per address, IPv6 per /64, IPv4-mapped IPv6 as IPv4', () => {
    expect(clientQuotaKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientQuotaKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientQuotaKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientQuotaKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientQuotaKey('2001:0DB8:0001:0002::')).toBe('2001:db8:1:2::/64');
    expect(clientQuotaKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientQuotaKey('::1')).toBe('0:0:0:0::/64');
    expect(clientQuotaKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('puts whatever is not an IP address in one shared bucket', () => {
    expect(clientQuotaKey(undefined)).toBe('unknown');
    expect(clientQuotaKey('')).toBe('unknown');
    expect(clientQuotaKey('not-an-ip')).toBe('unknown');
  });

  it('takes the first N digits of the E.164 number, country code included', () => {
    expect(numberPrefix('+14155550123', 7)).toBe('1415555');
    expect(numberPrefix('+447700900123', 4)).toBe('4477');
    expect(numberPrefix('+4930123', 15)).toBe('4930123');
  });
});
