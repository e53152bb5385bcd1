import { createMemoryLimiter } from '../../src/server/limits/limiter.js';
import { runLimiterContract } from './limiter.contract.js';

runLimiterContract('memory', (o) => createMemoryLimiter(o));
