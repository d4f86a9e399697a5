package org.ncfspark.model;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Direct access to float arrays in host memory, for the few training steps where one Java loop
 * beats ND4J's ops: on the CPU backend an array's buffer is host memory, read through a
 * FloatBuffer with no native call per element or per op. On other backends (CUDA) the callers
 * keep ND4J's ops.
 */
final class HostArrays {

  private static final boolean CPU = Nd4j.getEnvironment().isCPU();

  /** Elements a loop copies at a time into heap arrays, where the JIT can vectorise it. */
  static final int CHUNK = 4096;

  private HostArrays() {}

  /** Whether the arrays are float matrices or vectors in host memory. */
  static boolean onHost(INDArray... arrays) {
    if (!CPU) {
      return false;
    }
    for (INDArray array : arrays) {
      if (array.dataType() != DataType.FLOAT || array.rank() > 2) {
        return false;
      }
    }
    return true;
  }

  /** Whether the arrays are {@link #onHost} and each is one unbroken run of elements. */
  static boolean contiguousOnHost(INDArray... arrays) {
    if (!onHost(arrays)) {
      return false;
    }
    for (INDArray array : arrays) {
      if (array.elementWiseStride() != 1) {
        return false;
      }
    }
    return true;
  }

  /** Whether both arrays are unbroken runs of elements laid out alike, so one index serves both. */
  static boolean sameLayout(INDArray a, INDArray b) {
    return a.elementWiseStride() == 1 && b.elementWiseStride() == 1
        && a.equalShapes(b) && java.util.Arrays.equals(a.stride(), b.stride());
  }

  /** The whole buffer the array lies in: the array's element 0 is at {@link INDArray#offset}. */
  static FloatBuffer buffer(INDArray array) {
    return array.data().asNioFloat();
  }

  /** Writes the sums of a matrix's columns into {@code sums}, a vector as long as a row. */
  static void columnSums(INDArray matrix, INDArray sums) {
    Matrix from = matrix(matrix);
    int rows = Math.toIntExact(matrix.rows());
    int columns = Math.toIntExact(matrix.columns());
    float[] totals = new float[columns];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        totals[c] += from.get(r, c);
      }
    }
    FloatBuffer to = buffer(sums);
    int start = Math.toIntExact(sums.offset());
    long step = sums.elementWiseStride();
    for (int c = 0; c < columns; c++) {
      to.put(Math.toIntExact(start + c * step), totals[c]);
    }
  }

  /** A matrix's host buffer with its layout read once, for loops over its elements. */
  static Matrix matrix(INDArray matrix) {
    return new Matrix(buffer(matrix), Math.toIntExact(matrix.offset()),
        Math.toIntExact(matrix.stride(0)), Math.toIntExact(matrix.stride(1)));
  }

  /** Where each element (row, column) of a matrix lies in the buffer it lies in. */
  record Matrix(FloatBuffer buffer, int offset, int rowStride, int columnStride) {

    int at(int row, int column) {
      return offset + row * rowStride + column * columnStride;
    }

    float get(int row, int column) {
      return buffer.get(at(row, column));
    }

    void put(int row, int column, float value) {
      buffer.put(at(row, column), value);
    }
  }
}
