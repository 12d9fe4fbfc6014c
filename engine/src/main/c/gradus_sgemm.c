/*
 * JNI binding of oneDNN's dnnl_sgemm on Java float arrays in place (org.gradus.ops.linalg.DnnlGemm).
 *
 * The arrays are pinned with GetPrimitiveArrayCritical, as netlib's binding does for OpenBLAS, so nothing
 * is copied. dnnl_sgemm and omp_set_num_threads are looked up in the libdnnl that JavaCPP already loaded
 * (bind), so this library links against nothing but libdl. Built by build-native.sh during the engine's build.
 */
#include <jni.h>
#include <dlfcn.h>
#include <stdint.h>

typedef int (*dnnl_sgemm_fn)(char transa, char transb, int64_t m, int64_t n, int64_t k, float alpha,
                             const float *a, int64_t lda, const float *b, int64_t ldb, float beta, float *c,
                             int64_t ldc);
typedef void (*omp_set_num_threads_fn)(int threads);

static dnnl_sgemm_fn dnnl_sgemm;
static omp_set_num_threads_fn omp_set_num_threads;
/* whether this thread has set its own OpenMP thread count to one (the engine's pool splits the products) */
static __thread int single_threaded;

/* Looks up the functions in the library at path (already loaded); 0 when found, else 1 or 2. */
JNIEXPORT jint JNICALL Java_org_gradus_ops_linalg_DnnlGemm_bind(JNIEnv *env, jclass cls, jstring path) {
    const char *file = (*env)->GetStringUTFChars(env, path, NULL);
    if (file == NULL) {
        return 1;
    }
    void *handle = dlopen(file, RTLD_NOW | RTLD_NOLOAD);
    (*env)->ReleaseStringUTFChars(env, path, file);
    if (handle == NULL) {
        return 1;
    }
    dnnl_sgemm = (dnnl_sgemm_fn) dlsym(handle, "dnnl_sgemm");
    omp_set_num_threads = (omp_set_num_threads_fn) dlsym(handle, "omp_set_num_threads");
    return dnnl_sgemm != NULL && omp_set_num_threads != NULL ? 0 : 2;
}

/*
 * C[offC..] = alpha * op(A[offA..]) * op(B[offB..]) + beta * C[offC..], row-major, on one thread.
 * Returns dnnl_sgemm's status (0 for success); -1 when an array could not be pinned.
 */
JNIEXPORT jint JNICALL Java_org_gradus_ops_linalg_DnnlGemm_sgemm(
        JNIEnv *env, jclass cls, jboolean transA, jboolean transB, jint m, jint n, jint k, jfloat alpha,
        jfloatArray a, jint offA, jint lda, jfloatArray b, jint offB, jint ldb, jfloat beta,
        jfloatArray c, jint offC, jint ldc) {
    if (!single_threaded) {
        omp_set_num_threads(1);
        single_threaded = 1;
    }
    /* critical regions may nest; A and B may be the same array (the Java side refuses C aliasing either) */
    jfloat *pa = (*env)->GetPrimitiveArrayCritical(env, a, NULL);
    jfloat *pb = pa == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, b, NULL);
    jfloat *pc = pb == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, c, NULL);
    jint status = -1;
    if (pc != NULL) {
        status = dnnl_sgemm(transA ? 'T' : 'N', transB ? 'T' : 'N', m, n, k, alpha, pa + offA, lda,
                            pb + offB, ldb, beta, pc + offC, ldc);
        (*env)->ReleasePrimitiveArrayCritical(env, c, pc, 0);
    }
    if (pb != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, b, pb, JNI_ABORT);
    }
    if (pa != NULL) {
        (*env)->ReleasePrimitiveArrayCritical(env, a, pa, JNI_ABORT);
    }
    return status;
}
