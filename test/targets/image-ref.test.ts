import { describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import {
  formatImageRef,
  imageOverride,
  mergeSetImage,
  parseImageRef,
  parseSetImageArg,
  renderedImage,
} from '../../src/targets/image-ref.js';

const SHA = 'sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3';

describe('parseSetImageArg', () => {
  // The forms and outputs of kustomize's own setimage_test.go, plus tag-and-digest (kustomize #5234).
  it.each([
    ['image1=my-image1:my-tag', { name: 'image1', newName: 'my-image1', newTag: 'my-tag' }],
    [`image1=my-image1@${SHA}`, { name: 'image1', newName: 'my-image1', digest: SHA }],
    ['image1:my-tag', { name: 'image1', newTag: 'my-tag' }],
    [`image1@${SHA}`, { name: 'image1', digest: SHA }],
    ['ngnix=localhost:5000/my-project/ngnix', { name: 'ngnix', newName: 'localhost:5000/my-project/ngnix' }],
    [
      'ngnix=localhost:5000/my-project/ngnix:dev-01',
      { name: 'ngnix', newName: 'localhost:5000/my-project/ngnix', newTag: 'dev-01' },
    ],
    [
      'image1=foo.bar.foo:8800/foo/image1:foo-bar',
      { name: 'image1', newName: 'foo.bar.foo:8800/foo/image1', newTag: 'foo-bar' },
    ],
    [`org/repo:tag@${SHA}`, { name: 'org/repo', newTag: 'tag', digest: SHA }],
    [`myimage=org/repo:tag@${SHA}`, { name: 'myimage', newName: 'org/repo', newTag: 'tag', digest: SHA }],
    ['localhost:5000/app:1.2', { name: 'localhost:5000/app', newTag: '1.2' }],
    ['mysql=mariadb', { name: 'mysql', newName: 'mariadb' }],
    ['image1=*:v1', { name: 'image1', newName: '*', newTag: 'v1' }],
    ['image1=my-image1:*', { name: 'image1', newName: 'my-image1', newTag: '*' }],
    [`image1=*@${SHA}`, { name: 'image1', newName: '*', digest: SHA }],
    ['image1=my-image@*', { name: 'image1', newName: 'my-image', digest: '*' }],
  ])('parses %s like kustomize edit set image', (arg, expected) => {
    expect(parseSetImageArg(arg)).toEqual(expected);
  });

  it.each([
    ['bad', 'a bare name without =, : or @'],
    ['image1=', 'nothing after ='],
    ['=repo:1', 'an empty name'],
    ['a=b=c', 'two ='],
    ['image1:', 'an empty tag (kustomize writes an entry that changes nothing)'],
    ['image1@sha256:abc', 'a short sha256 digest'],
    [`image1@sha256:${'A'.repeat(64)}`, 'an uppercase sha256 digest'],
    ['image1@latest', 'a digest without algorithm'],
    [`a@${SHA}@${SHA}`, 'two @'],
    ['Image1:v1', 'an uppercase repository'],
    ['image1:-v1', 'a tag starting with -'],
    ['image1=my image:v1', 'a space in the name'],
  ])('refuses %s (%s) with IMAGE_REF_INVALID', (arg) => {
    const error = (() => {
      try {
        parseSetImageArg(arg);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).code).toBe('IMAGE_REF_INVALID');
  });
});

describe('mergeSetImage', () => {
  const current = { name: 'image1', newName: 'my-image1', newTag: 'my-tag', digest: SHA };

  it('replaces the whole entry, so a new tag drops the old digest and newName', () => {
    expect(mergeSetImage(current, parseSetImageArg('image1:v1'))).toEqual({ name: 'image1', newTag: 'v1' });
  });

  it('keeps the fields given as *', () => {
    expect(mergeSetImage(current, parseSetImageArg('image1=*:v1@*'))).toEqual({ ...current, newTag: 'v1' });
    expect(mergeSetImage(current, parseSetImageArg('image1=other:*'))).toEqual({
      name: 'image1',
      newName: 'other',
      newTag: 'my-tag',
    });
  });

  it('drops * fields when there is no entry yet', () => {
    expect(mergeSetImage(undefined, parseSetImageArg('image1=*:v1'))).toEqual({
      name: 'image1',
      newTag: 'v1',
    });
  });
});

describe('image references', () => {
  it.each([
    ['ghcr.io/stefanprodan/podinfo:6.0.0', { name: 'ghcr.io/stefanprodan/podinfo', tag: '6.0.0' }],
    ['localhost:5000/app:1.2', { name: 'localhost:5000/app', tag: '1.2' }],
    ['localhost:5000/app', { name: 'localhost:5000/app' }],
    [`nginx@${SHA}`, { name: 'nginx', digest: SHA }],
    [`nginx:1.25@${SHA}`, { name: 'nginx', tag: '1.25', digest: SHA }],
    ['argoproj/rollouts-demo:yellow', { name: 'argoproj/rollouts-demo', tag: 'yellow' }],
  ])('parses %s and formats it back', (ref, parsed) => {
    expect(parseImageRef(ref)).toEqual(parsed);
    expect(formatImageRef(parseImageRef(ref))).toBe(ref);
  });

  it('refuses a * tag in a full reference', () => {
    expect(() => parseImageRef('nginx:*')).toThrow(/not a valid tag/);
  });

  it('writes no newName when the repository stays the same', () => {
    expect(imageOverride('nginx', parseImageRef('nginx:1.25'))).toEqual({ name: 'nginx', newTag: '1.25' });
    expect(imageOverride('nginx', parseImageRef(`mirror/nginx@${SHA}`))).toEqual({
      name: 'nginx',
      newName: 'mirror/nginx',
      digest: SHA,
    });
  });

  it('renders an entry as kustomize does', () => {
    expect(
      formatImageRef(renderedImage({ name: 'nginx', newName: 'm/nginx', newTag: '1', digest: SHA })),
    ).toBe(`m/nginx:1@${SHA}`);
    expect(formatImageRef(renderedImage({ name: 'nginx', newTag: '1' }))).toBe('nginx:1');
  });
});
