/**
 * graphql-js as Node loads it (its CommonJS entry), so this code, Apollo and type-graphql share
 * one copy under every runner: a bare `graphql` import makes vitest load the `.mjs` build, a
 * second copy whose classes the others' `instanceof` checks refuse ("another module or realm").
 */
export * from 'graphql/index.js';
