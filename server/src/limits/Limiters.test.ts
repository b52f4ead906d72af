import { defineLimitersContract } from './Limiters.contract.ts'
import { Limiters } from './Limiters.ts'

defineLimitersContract('memory', () => new Limiters())
