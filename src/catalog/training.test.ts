import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrainingCourses, trainingCourses } from './training.ts';

describe('the built-in training courses', () => {
  it('load, validated, with at least two required courses in our own words', () => {
    const courses = trainingCourses();
    expect(courses.map((c) => c.id)).toEqual(['data-handling', 'phishing', 'security-essentials']);
    expect(courses.filter((c) => c.required).length).toBeGreaterThanOrEqual(2);
    for (const c of courses) {
      expect(c.body.startsWith(`# ${c.title}`)).toBe(true);
      expect(c.body).toMatch(/## Check yourself/);
    }
  });

  it('refuse a course whose front matter is wrong, naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'attestly-training-'));
    writeFileSync(
      join(dir, 'x.md'),
      '---\nid: x\ntitle: A course\nversion: 0\nminutes: 5\nrequired: true\nsummary: long enough text\n---\n# A course\n',
    );
    expect(() => loadTrainingCourses(dir)).toThrow(/training\/x\.md: version/);
  });
});
