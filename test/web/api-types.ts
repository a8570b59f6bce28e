import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The drift gate's two halves (test/web/api-types.e2e-spec.ts): the dashboard's hand-written
 * API types read with the TypeScript compiler, each reduced to a coarse shape (string,
 * number, boolean, array of X, object with its properties, string-literal union, null
 * allowed, optional), and a comparison of such a shape with a schema of the OpenAPI document.
 */

export type Shape =
  | { kind: 'string'; literals?: string[] }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'array'; items: Field }
  | { kind: 'object'; name?: string; props: Map<string, Field>; values?: Field }
  | { kind: 'unknown' }
  | { kind: 'other'; text: string };

/** A property (or an array's items): its shape, whether `| null` is allowed, whether it may be absent. */
export interface Field {
  shape: Shape;
  nullable: boolean;
  optional: boolean;
}

export interface ExportedType {
  name: string;
  /** Relative to the web's src folder. */
  file: string;
}

const VIRTUAL = '__api_drift__.ts';

/**
 * The exported types of some of the dashboard's modules, read with apps/web/tsconfig.json.
 * `expressions` are type expressions over those exports (`Submission`, `Page<Society>`),
 * compiled in a virtual module beside them so generic types can be mapped instantiated.
 */
export class WebTypes {
  readonly exported: ExportedType[] = [];
  /** Web types met while describing the expressions asked for (properties, bases, type arguments). */
  readonly reached = new Set<string>();
  private readonly checker: ts.TypeChecker;
  private readonly program: ts.Program;
  private readonly srcDir: string;
  private readonly virtualPath: string;
  private readonly aliases = new Map<string, ts.Type>();
  private readonly described = new Map<ts.Type, Shape>();

  constructor(webDir: string, modules: string[], expressions: string[]) {
    this.srcDir = path.join(webDir, 'src');
    this.virtualPath = path.join(this.srcDir, VIRTUAL);
    const configPath = path.join(webDir, 'tsconfig.json');
    const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
    if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, webDir);
    // The virtual module imports every export to name them; unused imports are no error there.
    const options = { ...parsed.options, noUnusedLocals: false, noUnusedParameters: false };
    const files = modules.map((m) => path.join(this.srcDir, m));

    // First pass: the modules alone, to learn their exports and write the virtual module's imports.
    const first = ts.createProgram(files, options);
    const firstChecker = first.getTypeChecker();
    const imports: string[] = [];
    for (const [i, file] of files.entries()) {
      const names: string[] = [];
      for (const symbol of this.exportsOf(first, firstChecker, file)) {
        if (symbol.flags & ts.SymbolFlags.Alias) continue; // a re-export: listed from the module that declares it
        if (!(symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias))) continue;
        this.exported.push({ name: symbol.name, file: modules[i] });
        names.push(symbol.name);
      }
      if (names.length > 0) imports.push(`import type { ${names.join(', ')} } from './${modules[i].replace(/\.tsx?$/, '')}';`);
    }
    const virtualText = [...imports, ...expressions.map((e, i) => `export type __Mapped${i} = ${e};`)].join('\n');

    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      path.resolve(fileName) === this.virtualPath ? ts.createSourceFile(fileName, virtualText, languageVersion, true) : getSourceFile(fileName, languageVersion, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => path.resolve(fileName) === this.virtualPath || fileExists(fileName);
    const readFile = host.readFile.bind(host);
    host.readFile = (fileName) => (path.resolve(fileName) === this.virtualPath ? virtualText : readFile(fileName));
    this.program = ts.createProgram([...files, this.virtualPath], options, host, first);
    this.checker = this.program.getTypeChecker();
    const virtual = this.program.getSourceFile(this.virtualPath)!;
    const problems = ts.getPreEmitDiagnostics(this.program, virtual);
    if (problems.length > 0) {
      throw new Error(`the mapping names web types that do not compile:\n${problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
    }
    for (const statement of virtual.statements) {
      if (!ts.isTypeAliasDeclaration(statement)) continue;
      const index = Number(statement.name.text.replace('__Mapped', ''));
      this.aliases.set(expressions[index], this.checker.getTypeFromTypeNode(statement.type));
    }
  }

  private exportsOf(program: ts.Program, checker: ts.TypeChecker, file: string): ts.Symbol[] {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not part of the web's TypeScript program`);
    const moduleSymbol = checker.getSymbolAtLocation(source);
    return moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [];
  }

  /** The coarse shape of a type expression given to the constructor; marks the web types it reaches. */
  shapeOf(expression: string): Shape {
    const type = this.aliases.get(expression);
    if (!type) throw new Error(`${expression} was not given to WebTypes`);
    return this.field(type, false).shape;
  }

  private isWebDeclared(symbol: ts.Symbol | undefined): boolean {
    const decl = symbol?.declarations?.[0];
    if (!decl) return false;
    const file = path.resolve(decl.getSourceFile().fileName);
    return file.startsWith(this.srcDir + path.sep) && file !== this.virtualPath;
  }

  private mark(type: ts.Type): void {
    if (type.aliasSymbol && this.isWebDeclared(type.aliasSymbol)) this.reached.add(type.aliasSymbol.name);
    for (const arg of type.aliasTypeArguments ?? []) this.field(arg, false);
    if (type.symbol && this.isWebDeclared(type.symbol) && type.symbol.flags & ts.SymbolFlags.Interface) {
      this.reached.add(type.symbol.name);
      const target = type.flags & ts.TypeFlags.Object && (type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference ? (type as ts.TypeReference).target : type;
      if ((target as ts.ObjectType).objectFlags & ts.ObjectFlags.Interface) {
        for (const base of this.checker.getBaseTypes(target as ts.InterfaceType)) this.mark(base);
      }
    }
    if (type.isIntersection()) for (const t of type.types) this.mark(t);
  }

  /**
   * The web types a property's declaration names. The checker forgets some aliases
   * (`(typeof LIST)[number]` is the same type as its literal union; `Kind | string` is string).
   */
  private markNamesIn(prop: ts.Symbol): void {
    const declaration = prop.declarations?.[0];
    const typeNode = declaration && (ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration)) ? declaration.type : undefined;
    const visit = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node)) {
        let symbol = this.checker.getSymbolAtLocation(node.typeName);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = this.checker.getAliasedSymbol(symbol);
        if (symbol && this.isWebDeclared(symbol) && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) this.reached.add(symbol.name);
      }
      ts.forEachChild(node, visit);
    };
    if (typeNode) visit(typeNode);
  }

  private field(type: ts.Type, optional: boolean): Field {
    this.mark(type);
    let nullable = false;
    let members = type.isUnion() ? type.types : [type];
    if (members.some((t) => t.flags & ts.TypeFlags.Null)) nullable = true;
    members = members.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    if (members.length === 0) return { shape: { kind: 'other', text: this.checker.typeToString(type) }, nullable, optional };
    for (const m of members) this.mark(m);
    return { shape: this.union(members, type), nullable, optional };
  }

  private union(members: readonly ts.Type[], whole: ts.Type): Shape {
    const f = ts.TypeFlags;
    if (members.some((t) => t.flags & (f.Any | f.Unknown))) return { kind: 'unknown' };
    if (members.every((t) => t.flags & f.StringLike)) {
      const literal = members.every((t) => t.isStringLiteral());
      return literal ? { kind: 'string', literals: members.map((t) => (t as ts.StringLiteralType).value) } : { kind: 'string' };
    }
    if (members.every((t) => t.flags & f.NumberLike)) return { kind: 'number' };
    if (members.every((t) => t.flags & f.BooleanLike)) return { kind: 'boolean' };
    if (members.length === 1) return this.single(members[0]);
    const shapes = members.map((t) => this.single(t));
    if (shapes.every((s) => s.kind === 'object')) return this.mergeObjects(shapes as Extract<Shape, { kind: 'object' }>[], this.nameOf(whole));
    return { kind: 'other', text: this.checker.typeToString(whole) };
  }

  /** A union of object types (a discriminated union): a property is required only when every member requires it. */
  private mergeObjects(objects: Extract<Shape, { kind: 'object' }>[], name: string | undefined): Shape {
    const props = new Map<string, Field>();
    const names = new Set(objects.flatMap((o) => [...o.props.keys()]));
    for (const prop of names) {
      const fields = objects.map((o) => o.props.get(prop));
      const present = fields.filter((x): x is Field => x !== undefined);
      const shapes = present.map((x) => x.shape);
      let shape: Shape = shapes[0];
      if (shapes.every((s) => s.kind === 'string')) {
        const literals = shapes.every((s) => s.literals) ? [...new Set(shapes.flatMap((s) => s.literals!))] : undefined;
        shape = { kind: 'string', literals };
      } else if (!shapes.every((s) => s.kind === shape.kind)) {
        shape = { kind: 'other', text: shapes.map((s) => s.kind).join(' | ') };
      }
      props.set(prop, { shape, nullable: present.some((x) => x.nullable), optional: fields.some((x) => x === undefined || x.optional) });
    }
    return { kind: 'object', name, props };
  }

  private nameOf(type: ts.Type): string | undefined {
    if (type.aliasSymbol && this.isWebDeclared(type.aliasSymbol)) return type.aliasSymbol.name;
    if (type.aliasSymbol) return this.checker.typeToString(type); // Omit<Mandate, …>, Pick<…>
    if (type.symbol && this.isWebDeclared(type.symbol) && type.symbol.flags & ts.SymbolFlags.Interface) return this.checker.typeToString(type);
    return undefined;
  }

  private single(type: ts.Type): Shape {
    const cached = this.described.get(type);
    if (cached) return cached;
    if (this.checker.isArrayType(type)) {
      const [element] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { kind: 'array', items: this.field(element, false) };
    }
    if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) return { kind: 'other', text: this.checker.typeToString(type) };
    // A class or interface of the platform (Blob, Uint8Array, Date): not something JSON carries.
    const declared = type.symbol && type.symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class) && !this.isWebDeclared(type.symbol);
    if (declared && !type.aliasSymbol) return { kind: 'other', text: this.checker.typeToString(type) };
    const shape: Extract<Shape, { kind: 'object' }> = { kind: 'object', name: this.nameOf(type), props: new Map() };
    this.described.set(type, shape);
    for (const prop of this.checker.getPropertiesOfType(type)) {
      const propType = this.checker.getTypeOfSymbol(prop);
      if (propType.getCallSignatures().length > 0) continue; // a method is no data
      this.markNamesIn(prop);
      shape.props.set(prop.name, this.field(propType, (prop.flags & ts.SymbolFlags.Optional) !== 0));
    }
    const index = this.checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    if (index) shape.values = this.field(index.type, false);
    return shape;
  }
}

/* ---- The OpenAPI side ---- */

// OpenAPI 3.0 schema objects, as @nestjs/swagger writes them (loosely typed: only what is read here).
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  additionalProperties?: boolean | SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
}

interface Resolved {
  schema: SchemaObject;
  nullable: boolean;
  /** The component it came from, when it came through $ref. */
  ref?: string;
}

export type Direction = 'response' | 'request';

/**
 * Compares web shapes with the schemas of one OpenAPI document and collects every
 * disagreement as `Type.prop: web says X, API says Y — where`.
 */
export class ShapeComparer {
  readonly mismatches: string[] = [];
  private readonly seen = new Set<string>();

  constructor(private readonly components: Record<string, SchemaObject>) {}

  resolve(schema: SchemaObject): Resolved {
    let nullable = schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      const target = this.components[name];
      if (!target) throw new Error(`the OpenAPI document refers to ${schema.$ref}, which it does not define`);
      const inner = this.resolve(target);
      return { schema: inner.schema, nullable: nullable || inner.nullable, ref: inner.ref ?? name };
    }
    if (schema.allOf && !schema.properties) {
      if (schema.allOf.length === 1) {
        const inner = this.resolve(schema.allOf[0]);
        return { ...inner, nullable: nullable || inner.nullable };
      }
      const parts = schema.allOf.map((s) => this.resolve(s));
      nullable ||= parts.every((p) => p.nullable);
      const properties = Object.assign({}, ...parts.map((p) => p.schema.properties ?? {})) as Record<string, SchemaObject>;
      return { schema: { type: 'object', properties, required: parts.flatMap((p) => p.schema.required ?? []) }, nullable };
    }
    return { schema, nullable };
  }

  /** The schema `at` (`rules[]`, `deductions.totals[].kind`) below `root`. */
  descend(root: SchemaObject, at: string | undefined): SchemaObject {
    let schema = root;
    for (const segment of at ? at.split('.') : []) {
      const [, name, arrays] = /^([^[]+)((?:\[\])*)$/.exec(segment) ?? [];
      const property = this.resolve(schema).schema.properties?.[name];
      if (!property) throw new Error(`the mapping's path ${at} names ${name}, which the schema does not have`);
      schema = property;
      for (let i = 0; i < arrays.length / 2; i++) {
        const items = this.resolve(schema).schema.items;
        if (!items) throw new Error(`the mapping's path ${at}: ${name} is not an array`);
        schema = items;
      }
    }
    return schema;
  }

  /** Compares the web's `owner` type (its shape) with an API schema; `where` names the route for the messages. */
  compare(owner: string, shape: Shape, schema: SchemaObject, direction: Direction, where: string): void {
    this.field({ shape, nullable: false, optional: false }, this.resolve(schema), { owner, root: owner, path: '', where, trail: '', direction });
  }

  private report(ctx: Context, web: string, api: string): void {
    const trail = ctx.owner !== ctx.root ? ` → ${ctx.trail.replace(/^\./, '')}` : '';
    const line = `${ctx.owner}${ctx.path}: web says ${web}, API says ${api} — ${ctx.where}${trail}`;
    if (!this.mismatches.includes(line)) this.mismatches.push(line);
  }

  private field(web: Field, api: Resolved, ctx: Context): void {
    if (web.shape.kind === 'unknown') return;
    if (web.nullable && !api.nullable) this.report(ctx, `${describeShape(web.shape)} | null`, `${describeSchema(api)} (never null)`);
    if (!web.nullable && api.nullable && ctx.direction === 'response') this.report(ctx, `${describeShape(web.shape)} (never null)`, describeSchema(api));
    const schema = api.schema;
    const types = schemaTypes(schema);
    if (types.length > 1 || schema.oneOf || schema.anyOf) {
      const alternatives = (schema.oneOf ?? schema.anyOf ?? types.map((type) => ({ type }))).map((s) => this.resolve(s));
      if (!alternatives.some((a) => sameKind(web.shape, a.schema))) this.report(ctx, describeShape(web.shape), describeSchema(api));
      return;
    }
    if (!sameKind(web.shape, schema)) {
      this.report(ctx, describeShape(web.shape), describeSchema(api));
      return;
    }
    const shape = web.shape;
    if (shape.kind === 'string' && shape.literals && schema.enum) {
      // Every value the web names must be one the API knows; and every value the API may
      // answer must be one the web handles (what the web sends may be fewer).
      const outside = shape.literals.filter((l) => !schema.enum!.includes(l));
      if (outside.length > 0) this.report(ctx, describeShape(shape), `${describeSchema(api)} (${outside.map((o) => `'${o}'`).join(', ')} not among them)`);
      const unknown = ctx.direction === 'response' ? schema.enum.filter((e) => !shape.literals!.includes(String(e))) : [];
      if (unknown.length > 0) this.report(ctx, describeShape(shape), `${describeSchema(api)} (the web leaves out ${unknown.map((o) => `'${String(o)}'`).join(', ')})`);
    }
    if (shape.kind === 'array') {
      this.field(shape.items, this.resolve(schema.items ?? {}), { ...ctx, path: `${ctx.path}[]`, trail: `${ctx.trail}[]` });
    }
    if (shape.kind === 'object') this.object(shape, api, ctx);
  }

  private object(web: Extract<Shape, { kind: 'object' }>, api: Resolved, ctx: Context): void {
    // Entering a named web type: messages name it (Type.prop), once per (type, schema) pair.
    if (web.name && (web.name !== ctx.owner || ctx.path !== '')) {
      ctx = { ...ctx, owner: web.name, path: '' };
    }
    if (web.name && api.ref) {
      const key = `${ctx.direction} ${web.name} ${api.ref}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    const schema = api.schema;
    const properties = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    if (web.props.size > 0 && Object.keys(properties).length === 0) {
      this.report(ctx, `an object with ${[...web.props.keys()].join(', ')}`, 'an object whose properties it does not describe');
      return;
    }
    if (web.values && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      this.field(web.values, this.resolve(schema.additionalProperties), { ...ctx, path: `${ctx.path}[key]`, trail: `${ctx.trail}[key]` });
    }
    for (const [name, field] of web.props) {
      const sub: Context = { ...ctx, path: `${ctx.path}.${name}`, trail: `${ctx.trail}.${name}` };
      const property = properties[name];
      if (!property) {
        this.report(sub, describeField(field), ctx.direction === 'request' ? 'no such property (unknown fields are refused)' : 'no such property');
        continue;
      }
      if (ctx.direction === 'response' && !field.optional && !required.has(name)) this.report(sub, `${describeShape(field.shape)} (always there)`, `${describeShape(field.shape)} (optional)`);
      if (ctx.direction === 'request' && field.optional && required.has(name)) this.report(sub, `${describeShape(field.shape)} (optional)`, `${describeShape(field.shape)} (required)`);
      this.field(field, this.resolve(property), sub);
    }
    if (ctx.direction === 'request') {
      for (const name of required) {
        if (!web.props.has(name)) this.report({ ...ctx, path: `${ctx.path}.${name}`, trail: `${ctx.trail}.${name}` }, 'nothing (never sent)', `${describeSchema(this.resolve(properties[name]))} (required)`);
      }
    }
  }
}

interface Context {
  /** The named web type the messages start from. */
  owner: string;
  /** The mapped web type. */
  root: string;
  /** The path below it. */
  path: string;
  /** The path below the mapped type (shown when the owner is a type met on the way). */
  trail: string;
  where: string;
  direction: Direction;
}

function schemaTypes(schema: SchemaObject): string[] {
  const types = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : schema.type ? [schema.type] : [];
  if (types.length === 0 && schema.properties) return ['object'];
  return types;
}

function sameKind(web: Shape, schema: SchemaObject): boolean {
  const [type] = schemaTypes(schema);
  switch (web.kind) {
    case 'string':
      return type === 'string';
    case 'number':
      return type === 'number' || type === 'integer';
    case 'boolean':
      return type === 'boolean';
    case 'array':
      return type === 'array';
    case 'object':
      return type === 'object';
    case 'unknown':
      return true;
    case 'other':
      return false;
  }
}

export function describeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'string':
      return shape.literals ? shape.literals.map((l) => `'${l}'`).join(' | ') : 'string';
    case 'array': {
      const items = describeField(shape.items);
      return shape.items.nullable || /[ |]/.test(items) ? `(${items})[]` : `${items}[]`;
    }
    case 'object':
      return shape.name ?? (shape.props.size > 0 ? `{ ${[...shape.props.keys()].join(', ')} }` : 'object');
    case 'other':
      return shape.text;
    default:
      return shape.kind;
  }
}

function describeField(field: Field): string {
  return `${describeShape(field.shape)}${field.nullable ? ' | null' : ''}`;
}

export function describeSchema(api: Resolved): string {
  const s = api.schema;
  const types = schemaTypes(s);
  let text: string;
  if (s.oneOf || s.anyOf) text = (s.oneOf ?? s.anyOf)!.map((x) => describeSchema(resolveLocal(x))).join(' | ');
  else if (types[0] === 'array') text = `${s.items?.$ref ? refName(s.items.$ref) : (schemaTypes(s.items ?? {})[0] ?? 'unknown')}[]`;
  else if (types[0] === 'object') text = api.ref ?? 'object';
  else text = types.join(' | ') || 'unknown';
  if (api.nullable) text += ' | null';
  if (s.enum) text += ` (one of ${s.enum.map((e) => `'${String(e)}'`).join(', ')})`;
  return text;
}

const refName = (ref: string) => ref.replace('#/components/schemas/', '');
const resolveLocal = (schema: SchemaObject): Resolved => ({ schema, nullable: schema.nullable === true, ref: schema.$ref ? refName(schema.$ref) : undefined });

/* ---- DTO classes that would collide in the document ---- */

/**
 * Classes under `dir` with a property decorated by @ApiProperty, by name: @nestjs/swagger names a
 * schema after its class, so two classes of one name describe one schema and the document
 * keeps only one of them (silently: the other response is described wrongly).
 */
export function apiDtoClasses(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
        for (const statement of source.statements) {
          if (!ts.isClassDeclaration(statement) || !statement.name) continue;
          const documented = statement.members.some((m) => (ts.canHaveDecorators(m) ? (ts.getDecorators(m) ?? []) : []).some((d) => /^Api(Property|PropertyOptional|HideProperty)\b/.test(d.expression.getText(source))));
          if (documented) found.set(statement.name.text, [...(found.get(statement.name.text) ?? []), path.relative(dir, full)]);
        }
      }
    }
  };
  walk(dir);
  return found;
}
