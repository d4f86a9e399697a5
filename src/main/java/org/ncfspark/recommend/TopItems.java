package org.ncfspark.recommend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ncfspark.data.Columns;
import org.ncfspark.evaluate.PairScorer;
import org.ncfspark.evaluate.UserItemBlocks;

/**
 * Keeps, for each (user, item block) row of a partition, only the block's best N unseen items:
 * a heap of N while the block is scored, so a task never holds a user's scores.
 */
final class TopItems implements MapPartitionsFunction<Row, Row> {

  static final String SEEN = "seen";
  static final StructType SCHEMA = new StructType()
      .add(Columns.USER, DataTypes.IntegerType, false)
      .add(Columns.ITEM, DataTypes.IntegerType, false)
      .add(Columns.SCORE, DataTypes.FloatType, false);

  private static final long serialVersionUID = 1L;
  /** Worst first: lower score, then the higher item index, leaves the heap first. */
  private static final Comparator<Scored> WORST_FIRST = Comparator
      .comparingDouble(Scored::score)
      .thenComparing(Comparator.comparingInt(Scored::item).reversed());

  private final PairScorer.Factory factory;
  private final UserItemBlocks blocks;
  private final int topN;

  TopItems(PairScorer.Factory factory, UserItemBlocks blocks, int topN) {
    this.factory = factory;
    this.blocks = blocks;
    this.topN = topN;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    if (!rows.hasNext()) {
      return Collections.emptyIterator();
    }
    PairScorer scorer = factory.open();
    List<Row> best = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      int user = row.getInt(row.fieldIndex(Columns.USER));
      for (Scored scored : topOfBlock(scorer, row, user)) {
        best.add(RowFactory.create(user, scored.item(), scored.score()));
      }
    }
    return best.iterator();
  }

  private PriorityQueue<Scored> topOfBlock(PairScorer scorer, Row row, int user) {
    PriorityQueue<Scored> heap = new PriorityQueue<>(topN + 1, WORST_FIRST);
    blocks.scoreBlock(scorer, user, null, UserItemBlocks.sortedItems(row, SEEN), -1,
        row.getInt(row.fieldIndex(UserItemBlocks.BLOCK)),
        (items, scores, count) -> {
          for (int i = 0; i < count; i++) {
            heap.offer(new Scored(items[i], scores[i]));
            if (heap.size() > topN) {
              heap.poll();
            }
          }
        });
    return heap;
  }

  private record Scored(int item, float score) {}
}
