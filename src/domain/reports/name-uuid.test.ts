import { describe, expect, it } from 'vitest';
import { orgUuids, uuidV5 } from './name-uuid.ts';

describe('name-based UUIDs', () => {
  it('are RFC 9562 version 5 UUIDs (the DNS namespace example)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('name the same object alike in one organization, and differently in another', () => {
    const a = orgUuids('org-a');
    expect(a('component', 'control', 'AC-01')).toBe(orgUuids('org-a')('component', 'control', 'AC-01'));
    expect(a('component', 'control', 'AC-01')).not.toBe(a('component', 'control', 'AC-02'));
    expect(a('component', 'control', 'AC-01')).not.toBe(orgUuids('org-b')('component', 'control', 'AC-01'));
    expect(a('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
