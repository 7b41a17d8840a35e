/** JMH benchmarks of every speed target; see docs/benchmarks.md for figures and commands. */
package org.sosops.env.benchmarks;
