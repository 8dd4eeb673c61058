import Handlebars from 'handlebars';

// The package's own templates, precompiled: `Handlebars.precompile` specs keyed by
// `templateKey(source, strict)`. From src/ (tsx, the test suite) the table is empty and handlebars'
// compiler is at hand: every template compiles, as gitcanary always did. The bundles replace this
// module (scripts/bundle.ts, `precompiledTemplates`) with the specs of templates/**/*.hbs as built
// and no compiler, which src/shared/templates.ts then loads with `import()` on first need.

/** A precompiled template: the object `Handlebars.precompile` writes as source, as a value. */
export type TemplateSpec = object;

export const precompiledTemplates: Readonly<Record<string, TemplateSpec>> = {};

export const bundledCompiler: typeof Handlebars | undefined = Handlebars;
