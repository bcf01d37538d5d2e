// bridgegen/linalg for ES modules: the same object as require('bridgegen/linalg').
import { createRequire } from 'node:module';

const linalg = createRequire(import.meta.url)('./index.js');

export const { blas, lapack, getBlasThreads, setBlasThreads, libraries } = linalg;
export default linalg;
