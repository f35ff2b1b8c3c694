import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { checks } from '../../../checks';
import { FRAMEWORKS } from '../model';
import { FRAMEWORK_DATA, findFramework, frameworkOf } from './data';
import { ASSESSMENTS } from './types';

const DIR = join(__dirname, '..', '..', '..', 'frameworks');

const control = z
  .object({
    id: z.string().regex(/^\S(.*\S)?$/),
    title: z.string().min(5),
    section: z.string().min(1),
    assessment: z.enum(ASSESSMENTS),
    level: z.union([z.literal(1), z.literal(2), z.null()]),
    checks: z.array(z.string().regex(/^(host|k8s)\.[a-z0-9-]+(\.[a-z0-9-]+)+$/)),
    guidance: z.string().min(20).max(400).optional(),
  })
  .strict()
  .refine((c) => c.assessment === 'automated' || c.guidance !== undefined, {
    message: 'a manual control needs guidance',
  });

const frameworkFile = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
    framework: z.enum(FRAMEWORKS),
    version: z.string().regex(/^\d+(\.\d+)*$/),
    sections: z.array(z.object({ id: z.string().min(1), title: z.string().min(2) }).strict()).min(1),
    controls: z.array(control).min(1),
  })
  .strict();

const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('frameworks/: the framework data files', () => {
  it.each(files)('%s has the framework file shape', (file) => {
    const parsed = frameworkFile.safeParse(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it.each(files)('%s is named after its ID, has unique IDs, and each control is in a listed section', (file) => {
    const data = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as z.infer<typeof frameworkFile>;
    expect(file).toBe(`${data.id}.json`);
    const ids = data.controls.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const sections = data.sections.map((s) => s.id);
    expect(sections.filter((id, i) => sections.indexOf(id) !== i)).toEqual([]);
    expect(data.controls.filter((c) => !sections.includes(c.section)).map((c) => c.id)).toEqual([]);
  });

  it('every file is bundled (src/core/frameworks/data.ts imports it) and no two name the same framework version', () => {
    expect(FRAMEWORK_DATA.map((f) => `${f.id}.json`).sort()).toEqual([...files].sort());
    const keys = FRAMEWORK_DATA.map((f) => `${f.framework} ${f.version}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('names only registered checks', () => {
    const registered = new Set(checks.map((c) => c.id));
    const unknown = FRAMEWORK_DATA.flatMap((f) =>
      f.controls.flatMap((c) => c.checks.filter((id) => !registered.has(id))),
    );
    expect(unknown).toEqual([]);
  });

  it('finds a framework by ID and by the name and version a check reference gives', () => {
    expect(findFramework('cis-kubernetes-1.12')?.framework).toBe('CIS Kubernetes Benchmark');
    expect(findFramework('cis-kubernetes-9.9')).toBeUndefined();
    expect(frameworkOf({ framework: 'CIS Amazon EKS Benchmark', version: '1.8.0' })?.id).toBe('cis-eks-1.8.0');
    expect(frameworkOf({ framework: 'CIS Amazon EKS Benchmark', version: '1.5.0' })).toBeUndefined();
  });

  it('maps a reference to no framework when only another framework has its version', () => {
    expect(frameworkOf({ framework: 'CIS Kubernetes Benchmark', version: '1.12' })?.id).toBe('cis-kubernetes-1.12');
    expect(frameworkOf({ framework: 'CIS Amazon EKS Benchmark', version: '1.12' })).toBeUndefined();
  });
});
