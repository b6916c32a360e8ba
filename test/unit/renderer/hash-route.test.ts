import { describe, expect, it } from 'vitest';
import { hashFor, matchRoute, pathFromHash, queryFromHash } from '../../../renderer/src/router/hash-route';

describe('hash router', () => {
  it('reads the path of a hash', () => {
    expect(pathFromHash('')).toBe('/');
    expect(pathFromHash('#')).toBe('/');
    expect(pathFromHash('#/')).toBe('/');
    expect(pathFromHash('#/audit')).toBe('/audit');
    expect(pathFromHash('#/admin/users/')).toBe('/admin/users');
    expect(pathFromHash('#/audit?before=12')).toBe('/audit');
  });

  it('treats launch parameters as the root, not as a route', () => {
    expect(pathFromHash('#token=abc')).toBe('/');
  });

  it('reads the query of a hash', () => {
    expect(queryFromHash('#/audit?before=12&x=1').get('before')).toBe('12');
    expect(queryFromHash('#/audit').toString()).toBe('');
  });

  it('writes hashes', () => {
    expect(hashFor('/audit')).toBe('#/audit');
    expect(hashFor('admin/users')).toBe('#/admin/users');
    expect(hashFor('/audit', { before: '12' })).toBe('#/audit?before=12');
  });

  it('matches a route or falls back (unknown or not allowed)', () => {
    const routes = [
      { id: 'home', path: '/' },
      { id: 'audit', path: '/audit' },
    ];
    const home = routes[0]!;
    expect(matchRoute(routes, '#/audit', home).id).toBe('audit');
    expect(matchRoute(routes, '#/nowhere', home).id).toBe('home');
    expect(matchRoute(routes, '#token=x', home).id).toBe('home');
  });
});
